from django.urls import path

from kerekasztal.core import views
from kerekasztal.core.accounts import views as accounts_views
from kerekasztal.core.exports import views as exports_views
from kerekasztal.core.mail import views as mail_views
from kerekasztal.core.privacy import views as privacy_views
from kerekasztal.core.records import views as records_views

from .urlpaths import forum_manage

app_name = "core"

urlpatterns = [
    path("about/data/", views.about_data, name="about_data"),
    path("about/privacy/", views.privacy, name="privacy"),
    path("accounts/login/", accounts_views.login, name="login"),
    path("accounts/login/verify/", accounts_views.login_verify, name="login_verify"),
    path("accounts/login/enrol/", accounts_views.login_enrol, name="login_enrol"),
    path("accounts/recovery-codes/", accounts_views.recovery_codes, name="recovery_codes"),
    path("accounts/recovery-codes/new/", accounts_views.recovery_codes_new,
         name="recovery_codes_new"),
    path("accounts/logout/", accounts_views.logout, name="logout"),
    path("accounts/", accounts_views.account, name="account"),
    path("accounts/password/", accounts_views.password_change, name="password_change"),
    path("accounts/password-reset/", accounts_views.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", accounts_views.password_reset_done,
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts_views.password_reset_confirm,
         name="password_reset_confirm"),
    path("accounts/reset/done/", accounts_views.password_reset_complete,
         name="password_reset_complete"),
    forum_manage("activity/", records_views.activity_log, "activity_log"),
    forum_manage("activity/export.<fmt:fmt>", records_views.activity_export, "activity_export"),
    forum_manage("privacy/people/<int:pk>/export.json", privacy_views.person_data_export,
                 "person_data_export"),
    forum_manage("privacy/people/<int:pk>/erase/", privacy_views.person_erase, "person_erase"),
    forum_manage("exports/<int:pk>/", exports_views.export_status, "export_status"),
    forum_manage("exports/<int:pk>/download/", exports_views.export_download, "export_download"),
    forum_manage("mail/<int:pk>/resend/", mail_views.mail_resend_view, "mail_resend"),
]
