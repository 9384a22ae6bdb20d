from kerekasztal.core.urlpaths import forum_manage

from . import views

app_name = "directory"

urlpatterns = [
    forum_manage("directory/organisations/", views.organisation_list, "organisation_list"),
    forum_manage("directory/organisations/export.<fmt:fmt>", views.organisation_export,
                 "organisation_export"),
    forum_manage("directory/organisations/new/", views.organisation_create,
                 "organisation_create"),
    forum_manage("directory/organisations/<int:pk>/", views.organisation_detail,
                 "organisation_detail"),
    forum_manage("directory/organisations/<int:pk>/edit/", views.organisation_edit,
                 "organisation_edit"),
    forum_manage("directory/organisations/<int:pk>/archive/", views.organisation_archive,
                 "organisation_archive"),
    forum_manage("directory/people/", views.person_list, "person_list"),
    forum_manage("directory/people/export.<fmt:fmt>", views.person_export, "person_export"),
    forum_manage("directory/people/new/", views.person_create, "person_create"),
    forum_manage("directory/people/<int:pk>/", views.person_detail, "person_detail"),
    forum_manage("directory/people/<int:pk>/edit/", views.person_edit, "person_edit"),
    forum_manage("directory/people/<int:pk>/archive/", views.person_archive, "person_archive"),
    forum_manage("directory/people/<int:pk>/login/", views.person_grant_login,
                 "person_grant_login"),
]

for _kind in ("organisations", "people"):
    urlpatterns += [
        forum_manage(f"directory/{_kind}/import/", views.import_upload,
                     f"import_{_kind}", {"kind": _kind}),
        forum_manage(f"directory/{_kind}/import/<int:batch>/", views.import_preview,
                     f"import_preview_{_kind}", {"kind": _kind}),
        forum_manage(f"directory/{_kind}/import/example.<fmt:fmt>", views.import_example,
                     f"import_example_{_kind}", {"kind": _kind}),
    ]
