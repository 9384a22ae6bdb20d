from kerekasztal.core.urlpaths import forum_public

from . import views

app_name = "events"

urlpatterns = [
    forum_public("events/<int:pk>/", views.public_detail, "public_detail"),
    forum_public("events/registration/<str:token>/cancel/", views.registration_cancel,
                 "registration_cancel"),
]
