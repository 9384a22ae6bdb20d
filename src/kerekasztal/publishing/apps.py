from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.nav import NavItem


class PublishingConfig(AppConfig):
    name = "kerekasztal.publishing"
    label = "publishing"
    verbose_name = _("Nyilvános oldalak")
    workspace_nav = [
        NavItem(_("Hírek"), "publishing:manage_posts", "publishing.view", order=70),
        NavItem(_("Dokumentumtár"), "publishing:manage_documents", "publishing.view",
                order=71),
        NavItem(_("Galéria"), "publishing:manage_albums", "publishing.view", order=72),
        NavItem(_("Honlap beállításai"), "publishing:site_settings", "publishing.manage",
                order=73),
    ]
    public_nav = [
        NavItem(_("Aktuális"), "publishing:news_list", None, order=20),
        NavItem(_("Galéria"), "publishing:album_list", None, order=60),
        NavItem(_("Dokumentumok"), "publishing:document_list", None, order=65),
        NavItem(_("Tagok"), "publishing:member_list", None, order=80),
        NavItem(_("Kapcsolat"), "publishing:contact", None, order=90),
        NavItem(_("Akadálymentesség"), "publishing:accessibility", None, order=92),
        NavItem(_("Adatkezelés"), "publishing:privacy", None, order=93),
        NavItem(_("Keresés"), "publishing:search", None, order=99),
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .cache import changed

        post_save.connect(changed, dispatch_uid="publishing.changed.save")
        post_delete.connect(changed, dispatch_uid="publishing.changed.delete")
