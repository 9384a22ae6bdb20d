from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class ForumsConfig(AppConfig):
    name = "kerekasztal.forums"
    label = "forums"
    verbose_name = _("Fórumok")
    workspace_nav = [
        NavItem(_("Áttekintés"), "forums:workspace", "workspace.view", order=0, exact=True),
        NavItem(_("Tagok"), "forums:membership_list", "membership.view", order=10),
        NavItem(_("Hozzáférések"), "forums:access_list", "forum.access.view", order=90),
        NavItem(_("Fórum adatai"), "forums:edit", "forum.edit", order=95),
    ]
    public_nav = [
        NavItem(_("Kezdőlap"), "forums:public", None, order=0, exact=True),
    ]
