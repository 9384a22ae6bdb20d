from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .nav import NavItem


class CoreConfig(AppConfig):
    name = "kerekasztal.core"
    label = "core"
    verbose_name = _("Alapok")
    workspace_nav = [
        NavItem(_("Tevékenységnapló"), "core:activity_log", "activity.view", order=97),
    ]

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from kerekasztal.core import access, collation
        from kerekasztal.core.accounts import views as accounts_views

        from .middleware import SessionIdleTimeoutMiddleware

        connection_created.connect(collation.register_sqlite,
                                   dispatch_uid="kerekasztal.hungarian_collation")
        user_logged_in.connect(SessionIdleTimeoutMiddleware.stamp,
                               dispatch_uid="kerekasztal.session_stamp")
        admin.site.login = accounts_views.admin_login
        admin.site.has_permission = lambda request: access.admin_site_allowed(request.user)
        admin.site.site_header = _("Kerekasztal – üzemeltetés")
        admin.site.site_title = _("Kerekasztal üzemeltetés")
