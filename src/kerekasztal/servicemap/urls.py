from django.urls import path

from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import public_views, views

app_name = "servicemap"

urlpatterns = [
    path("services/hungary/", public_views.national_map, name="national_map"),
    forum_public("services/", public_views.public_map, "public_map"),
    forum_manage("services/", views.coverage, "coverage"),
    forum_manage("services/coverage.<fmt:fmt>", views.coverage_export, "coverage_export"),
    forum_manage("services/map/", views.service_map, "map"),
    forum_manage("services/types/", views.type_list, "type_list"),
    forum_manage("services/types/export.<fmt:fmt>", views.type_export, "type_export"),
    forum_manage("services/types/<int:pk>/rule/", views.type_rule, "type_rule"),
    forum_manage("services/points/", views.point_list, "point_list"),
    forum_manage("services/points/export.<fmt:fmt>", views.point_export, "point_export"),
    forum_manage("services/points/new/", views.point_create, "point_create"),
    forum_manage("services/points/<int:pk>/edit/", views.point_edit, "point_edit"),
    forum_manage("services/points/<int:pk>/toggle/", views.point_toggle, "point_toggle"),
    forum_manage("services/points/import/", views.import_upload, "import"),
    forum_manage("services/points/import/<int:batch>/", views.import_preview,
                 "import_preview"),
    forum_manage("services/points/import/example.<fmt:fmt>", views.import_example,
                 "import_example"),
    forum_manage("services/hsds.json", views.hsds_export, "hsds"),
    forum_manage("services/questionnaires/", views.questionnaire_list, "questionnaire_list"),
    forum_manage("services/questionnaires/<int:settlement>/", views.questionnaire,
                 "questionnaire"),
    forum_manage("services/gaps/", views.gap_list, "gap_list"),
    forum_manage("services/gaps/export.<fmt:fmt>", views.gap_export, "gap_export"),
    forum_manage("services/gaps/new/", views.gap_create, "gap_create"),
    forum_manage("services/gaps/<int:pk>/", views.gap_detail, "gap_detail"),
    forum_manage("services/gaps/<int:pk>/edit/", views.gap_edit, "gap_edit"),
    forum_manage("services/gaps/<int:pk>/resolve/", views.gap_resolve, "gap_resolve"),
    forum_manage("services/gaps/<int:pk>/reopen/", views.gap_reopen, "gap_reopen"),
    forum_manage("services/report/", views.report_draft, "report"),
    forum_manage("services/report/szut.pdf", views.report_pdf, "report_pdf"),
    forum_manage("services/report/szut.docx", views.report_docx, "report_docx"),
]
