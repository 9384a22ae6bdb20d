from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class AgreementsConfig(AppConfig):
    name = "kerekasztal.agreements"
    label = "agreements"
    verbose_name = _("Együttműködési megállapodások")
    workspace_nav = [
        NavItem(_("Megállapodások"), "agreements:list", "agreements.view", order=40),
    ]
    public_nav = [
        NavItem(_("Megállapodások"), "agreements:register", None, order=40),
    ]
