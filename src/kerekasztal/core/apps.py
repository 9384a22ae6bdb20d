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

        from . import access, views_auth

        admin.site.login = views_auth.admin_login
        admin.site.has_permission = lambda request: access.admin_site_allowed(request.user)
        admin.site.site_header = _("Kerekasztal – üzemeltetés")
        admin.site.site_title = _("Kerekasztal üzemeltetés")
