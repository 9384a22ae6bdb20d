from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class ApiConfig(AppConfig):
    name = "kerekasztal.api"
    label = "api"
    verbose_name = _("API")
    workspace_nav = [
        NavItem(_("API-kulcsok"), "api:token_list", "api.tokens", order=98),
    ]
