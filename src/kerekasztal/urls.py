from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from kerekasztal.core import access
from kerekasztal.core import views as core_views

urlpatterns = [
    # The publishing app's front page ("/") comes before core's plain list of forums.
    path("", include("kerekasztal.publishing.urls")),
    path("", include("kerekasztal.core.urls")),
    # Without a CSRF token: switching the interface language is harmless, and so the public
    # pages carry no token and set no cookie, and a shared cache (nginx) may keep them.
    path("i18n/setlang/", csrf_exempt(access.public(set_language)), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("kerekasztal.territory.urls")),
    path("", include("kerekasztal.forums.urls")),
    path("", include("kerekasztal.directory.urls")),
    path("", include("kerekasztal.meetings.urls")),
    path("", include("kerekasztal.events.urls")),
    path("", include("kerekasztal.agreements.urls")),
    path("", include("kerekasztal.plans.urls")),
    path("", include("kerekasztal.servicemap.urls")),
    path("", include("kerekasztal.projects.urls")),
    path("", include("kerekasztal.documents.urls")),
    path("", include("kerekasztal.api.urls")),
]

handler404 = core_views.error_404
handler403 = core_views.error_403
handler500 = core_views.error_500
