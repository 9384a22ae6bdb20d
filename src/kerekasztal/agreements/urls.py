from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import views

app_name = "agreements"

A = "agreements/<int:pk>/"

urlpatterns = [
    forum_manage("agreements/", views.agreement_list, "list"),
    forum_manage("agreements/export.<fmt:fmt>", views.agreement_export, "export"),
    forum_manage("agreements/new/", views.agreement_create, "create"),
    forum_manage("agreements/record/", views.agreement_record, "record"),
    forum_manage("agreements/import/", views.import_upload, "import"),
    forum_manage("agreements/import/<int:batch>/", views.import_preview, "import_preview"),
    forum_manage("agreements/import/example.<fmt:fmt>", views.import_example,
                 "import_example"),
    forum_manage("agreements/templates/", views.template_list, "template_list"),
    forum_manage("agreements/templates/new/", views.template_form, "template_create"),
    forum_manage("agreements/templates/<int:pk>/edit/", views.template_form, "template_edit"),
    forum_manage("agreements/templates/<int:pk>/delete/", views.template_delete,
                 "template_delete"),
    forum_manage(A, views.agreement_detail, "detail"),
    forum_manage(f"{A}edit/", views.agreement_edit, "edit"),
    forum_manage(f"{A}open/", views.agreement_open, "open"),
    forum_manage(f"{A}publish/", views.agreement_publish, "publish"),
    forum_manage(f"{A}terminate/", views.agreement_terminate, "terminate"),
    forum_manage(f"{A}agreement.pdf", views.agreement_pdf, "pdf"),
    forum_manage(f"{A}agreement.docx", views.agreement_docx, "docx"),
    forum_manage(f"{A}parties/new/", views.party_add, "party_add"),
    forum_manage(f"{A}parties/<int:party>/edit/", views.party_edit, "party_edit"),
    forum_manage(f"{A}parties/<int:party>/remove/", views.party_remove, "party_remove"),
    forum_manage(f"{A}parties/<int:party>/withdraw/", views.party_withdraw, "party_withdraw"),
    forum_manage(f"{A}parties/<int:party>/sign/", views.signature_record, "signature_record"),
    forum_manage(f"{A}signatures/<int:signature>/scan/", views.signature_scan,
                 "signature_scan"),
    forum_manage(f"{A}signatures/<int:signature>/delete/", views.signature_delete,
                 "signature_delete"),
    forum_manage(f"{A}commitments/new/", views.commitment_form, "commitment_create"),
    forum_manage(f"{A}commitments/<int:commitment>/edit/", views.commitment_form,
                 "commitment_edit"),
    forum_manage(f"{A}commitments/<int:commitment>/progress/", views.commitment_note,
                 "commitment_note"),
    forum_manage(f"{A}commitments/<int:commitment>/measures/", views.commitment_measures,
                 "commitment_measures"),
    forum_manage(f"{A}gaps/", views.agreement_gaps, "gaps"),
    forum_manage(f"{A}versions/<int:number>/", views.version_detail, "version"),
    forum_manage(f"{A}versions/compare/", views.version_diff, "diff"),
    forum_public("agreements/", views.register, "register"),
    forum_public("agreements/export.<fmt:fmt>", views.register_export, "register_export"),
    forum_public("agreements/<int:pk>/", views.public_detail, "public_detail"),
]
