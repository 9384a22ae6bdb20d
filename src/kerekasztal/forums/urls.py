from django.urls import path

from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import views

app_name = "forums"

urlpatterns = [
    path("forums/new/", views.create, name="create"),
    path("accounts/invitations/<str:token>/", views.invitation, name="invitation"),
    forum_public("", views.public, "public"),
    forum_manage("", views.workspace, "workspace"),
    forum_manage("edit/", views.edit, "edit"),
    forum_manage("members/", views.membership_list, "membership_list"),
    forum_manage("members/export.<fmt:fmt>", views.membership_export, "membership_export"),
    forum_manage("members/new/", views.membership_create, "membership_create"),
    forum_manage("members/import/", views.membership_import, "membership_import"),
    forum_manage("members/import/<int:batch>/", views.membership_import_preview,
                 "membership_import_preview"),
    forum_manage("members/import/example.<fmt:fmt>", views.membership_import_example,
                 "membership_import_example"),
    forum_manage("members/<int:pk>/edit/", views.membership_edit, "membership_edit"),
    forum_manage("members/<int:pk>/end/", views.membership_end, "membership_end"),
    forum_manage("members/<int:pk>/declaration/", views.membership_declaration,
                 "membership_declaration"),
    forum_manage("access/", views.access_list, "access_list"),
    forum_manage("access/<int:pk>/revoke/", views.access_revoke, "access_revoke"),
]
