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

        from . import access, collation, views_auth
        from .middleware import SessionIdleTimeoutMiddleware

        connection_created.connect(collation.register_sqlite,
                                   dispatch_uid="kerekasztal.hungarian_collation")
        user_logged_in.connect(SessionIdleTimeoutMiddleware.stamp,
                               dispatch_uid="kerekasztal.session_stamp")
        admin.site.login = views_auth.admin_login
        admin.site.has_permission = lambda request: access.admin_site_allowed(request.user)
        admin.site.site_header = _("Kerekasztal – üzemeltetés")
        admin.site.site_title = _("Kerekasztal üzemeltetés")
