from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kerekasztal.core"
    label = "core"
    verbose_name = _("Alapok")

    def ready(self) -> None:
        from django.contrib import admin

        from . import access

        admin.site.has_permission = lambda request: access.admin_site_allowed(request.user)
        admin.site.site_header = _("Kerekasztal – üzemeltetés")
        admin.site.site_title = _("Kerekasztal üzemeltetés")
