from django.urls import register_converter

from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import views


class DocumentFormat:
    regex = "pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class RecordKind:
    regex = "|".join(views.RECORDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DocumentFormat, "doc")
register_converter(RecordKind, "record")

app_name = "projects"

P = "projects/<int:pk>/"
urlpatterns = [
    forum_public("projekt/", views.public, "public"),
    forum_public("projekt/sajtokozlemenyek/<int:pk>/", views.public_release, "public_release"),
    forum_manage("projects/", views.project_list, "list"),
    forum_manage("projects/export.<fmt:fmt>", views.project_export, "export"),
    forum_manage("projects/new/", views.project_create, "create"),
    forum_manage(P, views.project_detail, "detail"),
    forum_manage(P + "edit/", views.project_edit, "edit"),
    forum_manage(P + "add/<record:kind>/", views.record_form, "record_create"),
    forum_manage(P + "edit/<record:kind>/<int:record>/", views.record_form, "record_edit"),
    forum_manage(P + "delete/<record:kind>/<int:record>/", views.record_delete,
                 "record_delete"),
    forum_manage(P + "deliverables/<int:record>/document/", views.deliverable_document,
                 "deliverable_document"),
    forum_manage(P + "dashboard/", views.dashboard, "dashboard"),
    forum_manage(P + "dashboard/export.<fmt:fmt>", views.dashboard_export, "dashboard_export"),
    forum_manage(P + "indicators/new/", views.indicator_create, "indicator_create"),
    forum_manage(P + "indicators/targets/", views.indicator_targets, "indicator_targets"),
    forum_manage(P + "indicators/<int:ipk>/", views.indicator_detail, "indicator"),
    forum_manage(P + "indicators/<int:ipk>/edit/", views.indicator_edit, "indicator_edit"),
    forum_manage(P + "indicators/<int:ipk>/export.<fmt:fmt>", views.indicator_export,
                 "indicator_export"),
    forum_manage(P + "indicators/<int:ipk>/values/new/", views.manual_value_create,
                 "manual_value_create"),
    forum_manage(P + "values/<int:vpk>/evidence/", views.manual_value_evidence,
                 "manual_value_evidence"),
    forum_manage(P + "values/<int:vpk>/edit/", views.manual_value_edit, "manual_value_edit"),
    forum_manage(P + "values/<int:vpk>/delete/", views.manual_value_delete,
                 "manual_value_delete"),
    forum_manage(P + "releases/generate/", views.release_generate, "release_generate"),
    forum_manage(P + "releases/<int:rpk>/", views.release_edit, "release"),
    forum_manage(P + "releases/<int:rpk>/publish/", views.release_publish, "release_publish"),
    forum_manage(P + "releases/<int:rpk>/document.<doc:doc>", views.release_document,
                 "release_document"),
]
