from django.urls import path

from . import views, views_activity, views_auth, views_mail, views_privacy
from .urlpaths import forum_manage

app_name = "core"

urlpatterns = [
    path("about/data/", views.about_data, name="about_data"),
    path("about/privacy/", views.privacy, name="privacy"),
    path("accounts/login/", views_auth.login, name="login"),
    path("accounts/login/verify/", views_auth.login_verify, name="login_verify"),
    path("accounts/login/enrol/", views_auth.login_enrol, name="login_enrol"),
    path("accounts/recovery-codes/", views_auth.recovery_codes, name="recovery_codes"),
    path("accounts/recovery-codes/new/", views_auth.recovery_codes_new,
         name="recovery_codes_new"),
    path("accounts/logout/", views.logout, name="logout"),
    path("accounts/", views.account, name="account"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/password-reset/", views.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", views.password_reset_done,
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", views.password_reset_confirm,
         name="password_reset_confirm"),
    path("accounts/reset/done/", views.password_reset_complete,
         name="password_reset_complete"),
    forum_manage("activity/", views_activity.activity_log, "activity_log"),
    forum_manage("activity/export.<fmt:fmt>", views_activity.activity_export, "activity_export"),
    forum_manage("privacy/people/<int:pk>/export.json", views_privacy.person_data_export,
                 "person_data_export"),
    forum_manage("privacy/people/<int:pk>/erase/", views_privacy.person_erase, "person_erase"),
    forum_manage("mail/<int:pk>/resend/", views_mail.mail_resend_view, "mail_resend"),
]
