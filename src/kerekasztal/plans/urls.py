from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import views

app_name = "plans"

P = "plans/<int:pk>/"

urlpatterns = [
    forum_manage("plans/", views.plan_list, "plan_list"),
    forum_manage("plans/export.<fmt:fmt>", views.plan_export, "plan_export"),
    forum_manage("plans/new/", views.plan_create, "plan_create"),
    forum_manage(P, views.plan_detail, "plan_detail"),
    forum_manage(f"{P}edit/", views.plan_edit, "plan_edit"),
    forum_manage(f"{P}status/", views.plan_status, "plan_status"),
    forum_manage(f"{P}submit/", views.plan_submit, "plan_submit"),
    forum_manage(f"{P}review/", views.plan_review, "plan_review"),
    forum_manage(f"{P}chapters/<slug:kind>/", views.chapter_detail, "chapter"),
    forum_manage(f"{P}chapters/<slug:kind>/statistics/", views.statistic_create,
                 "statistic_create"),
    forum_manage(f"{P}statistics/<int:statistic>/value/", views.statistic_value,
                 "statistic_value"),
    forum_manage(f"{P}statistics/population/", views.statistic_population,
                 "statistic_population"),
    forum_manage(f"{P}problems/new/", views.problem_create, "problem_create"),
    forum_manage(f"{P}problems/<int:problem>/", views.problem_edit, "problem_edit"),
    forum_manage(f"{P}problems/<int:problem>/evidence/", views.problem_evidence,
                 "problem_evidence"),
    forum_manage(f"{P}problems/<int:problem>/links/", views.problem_links, "problem_links"),
    forum_manage(f"{P}measures/export.<fmt:fmt>", views.measure_export, "measure_export"),
    forum_manage(f"{P}measures/new/", views.measure_create, "measure_create"),
    forum_manage(f"{P}measures/<int:measure>/", views.measure_detail, "measure_detail"),
    forum_manage(f"{P}measures/<int:measure>/edit/", views.measure_edit, "measure_edit"),
    forum_manage(f"{P}measures/<int:measure>/delete/", views.measure_delete, "measure_delete"),
    forum_manage(f"{P}measures/<int:measure>/progress/", views.measure_progress,
                 "measure_progress"),
    forum_manage(f"{P}measures/<int:measure>/progress/<int:progress>/evidence/",
                 views.progress_evidence, "progress_evidence"),
    forum_manage(f"{P}comments/", views.comment_add, "comment_add"),
    forum_manage(f"{P}comments/<int:comment>/decide/", views.comment_decide, "comment_decide"),
    forum_manage(f"{P}consultation/", views.consultation, "consultation"),
    forum_manage(f"{P}consultation/export.<fmt:fmt>", views.consultation_export,
                 "consultation_export"),
    forum_manage(f"{P}rollup/", views.rollup, "rollup"),
    forum_manage(f"{P}rollup/adopt/", views.rollup_adopt, "rollup_adopt"),
    forum_manage(f"{P}plan.pdf", views.plan_pdf, "plan_pdf"),
    forum_manage(f"{P}plan.docx", views.plan_docx, "plan_docx"),
    forum_manage(f"{P}progress.pdf", views.progress_pdf, "progress_pdf"),
    forum_public("plans/", views.public_list, "public_list"),
    forum_public(f"{P}", views.public_detail, "public_detail"),
    forum_public(f"{P}plan.pdf", views.public_pdf, "public_pdf"),
]

for _kind in ("measures", "statistics"):
    urlpatterns += [
        forum_manage(f"{P}import/{_kind}/", views.import_upload, f"import_{_kind}",
                     {"kind": _kind}),
        forum_manage(f"{P}import/{_kind}/<int:batch>/", views.import_preview,
                     f"import_preview_{_kind}", {"kind": _kind}),
        forum_manage(f"{P}import/{_kind}/example.<fmt:fmt>", views.import_example,
                     f"import_example_{_kind}", {"kind": _kind}),
    ]
