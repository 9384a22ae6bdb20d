from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class ProjectsConfig(AppConfig):
    name = "kerekasztal.projects"
    label = "projects"
    verbose_name = _("Projektek")
    workspace_nav = [
        NavItem(_("Projektek"), "projects:list", "project.view", order=70),
    ]
    public_nav = [
        NavItem(_("Projekt"), "projects:public", None, order=70),
    ]

    def ready(self) -> None:
        from kerekasztal.documents.publicity import register

        from .publicity import provider

        register(provider)
