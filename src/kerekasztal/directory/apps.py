from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class DirectoryConfig(AppConfig):
    name = "kerekasztal.directory"
    label = "directory"
    verbose_name = _("Címtár")
    workspace_nav = [
        NavItem(_("Szervezetek"), "directory:organisation_list", "directory.view", order=20),
        NavItem(_("Kapcsolattartók"), "directory:person_list", "directory.view", order=21),
    ]
