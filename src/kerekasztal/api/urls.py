from django.urls import include, path
from django.views.generic import RedirectView

from kerekasztal.core import access
from kerekasztal.core.urlpaths import forum_manage
from kerekasztal.publishing.cache import cached_api

from . import views
from .ninja_api import build

app_name = "api"

api = build()
_patterns, _app, _namespace = api.urls
for _pattern in _patterns:
    # The API answers anonymous readers itself (public data) and checks tokens for writes;
    # anonymous reads are cached per forum version (publishing/cache.py).
    _pattern.callback = access.public(cached_api(_pattern.callback))

urlpatterns = [
    path("api/v1/", include((_patterns, _namespace))),
    path("api/docs", access.public(RedirectView.as_view(url="/api/v1/docs")), name="docs"),
    forum_manage("api-tokens/", views.token_list, "token_list"),
    forum_manage("api-tokens/<int:pk>/revoke/", views.token_revoke, "token_revoke"),
]
