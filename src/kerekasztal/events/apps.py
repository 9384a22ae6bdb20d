from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class EventsConfig(AppConfig):
    name = "kerekasztal.events"
    label = "events"
    verbose_name = _("Rendezvények")
    workspace_nav = [
        NavItem(_("Rendezvények"), "events:event_list", "events.view", order=30),
    ]
    public_nav = [
        NavItem(_("Rendezvények"), "events:public_calendar", None, order=30),
        NavItem(_("Rendezvényfotók"), "events:public_gallery", None, order=35),
    ]
