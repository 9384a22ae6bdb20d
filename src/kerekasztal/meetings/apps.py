from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class MeetingsConfig(AppConfig):
    name = "kerekasztal.meetings"
    label = "meetings"
    verbose_name = _("Ülések")
    workspace_nav = [
        NavItem(_("Ülések"), "meetings:list", "meetings.view", order=20),
        NavItem(_("Határozatok"), "meetings:register", "meetings.view", order=21),
        NavItem(_("Részvétel"), "meetings:attendance_stats", "meetings.view", order=22),
    ]
    public_nav = [
        NavItem(_("Ülések"), "meetings:public_list", None, order=20),
    ]
