from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class ServicemapConfig(AppConfig):
    name = "kerekasztal.servicemap"
    label = "servicemap"
    verbose_name = _("Szolgáltatási Út Térkép")
    workspace_nav = [
        NavItem(_("Szolgáltatási térkép"), "servicemap:coverage", "servicemap.view", order=60),
    ]
    public_nav = [
        NavItem(_("Szolgáltatási térkép"), "servicemap:public_map", None, order=60),
    ]
