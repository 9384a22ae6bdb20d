from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class PlansConfig(AppConfig):
    name = "kerekasztal.plans"
    label = "plans"
    verbose_name = _("Programtervek")
    workspace_nav = [
        NavItem(_("Esélyegyenlőségi programok"), "plans:plan_list", "plans.view", order=40),
    ]
    public_nav = [
        NavItem(_("Esélyegyenlőségi programok"), "plans:public_list", None, order=40),
    ]
