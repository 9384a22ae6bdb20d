"""Organisations and their contact people: the directory of one forum.

A person record holds the minimum needed to work together (name, contact, position), with
the legal basis of handling it and a retention date. Never ethnicity, health or disability.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core.collation import HU

from .validators import validate_tax_number


class OrganisationKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Települési önkormányzat")
    NATIONALITY_SELF_GOVERNMENT = "nationality_self_government", _("Nemzetiségi önkormányzat")
    CIVIL = "civil", _("Civil szervezet")
    CHURCH = "church", _("Egyházi szervezet")
    BUSINESS = "business", _("Gazdasági szervezet")
    STATE = "state", _("Állami szerv")
    EDUCATION = "education", _("Köznevelési intézmény")
    HEALTH = "health", _("Egészségügyi intézmény")
    SOCIAL = "social", _("Szociális intézmény")
    OTHER = "other", _("Egyéb")


class Organisation(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="organisations",
        verbose_name=_("fórum"),
    )
    name = models.CharField(_("név"), max_length=255, db_collation=HU)
    name_key = models.CharField(max_length=255, db_index=True, editable=False, default="")
    kind = models.CharField(_("típus"), max_length=40, choices=OrganisationKind.choices)
    seat = models.ForeignKey(
        "territory.Settlement", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True, verbose_name=_("székhely (település)"),
    )
    postal_code = models.CharField(_("irányítószám"), max_length=4, blank=True)
    address = models.CharField(pgettext_lazy("address", "cím"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail-cím"), blank=True)
    phone = models.CharField(_("telefonszám"), max_length=40, blank=True)
    website = models.URLField(_("honlap"), blank=True)
    tax_number = models.CharField(
        _("adószám"), max_length=13, blank=True, validators=[validate_tax_number],
        help_text=_("Nem kötelező. Formája: 12345678-1-12."),
    )
    archived_at = models.DateTimeField(_("archiválva"), null=True, blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("szervezet")
        verbose_name_plural = _("szervezetek")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "name"], name="organisation_unique_name_per_forum",
                violation_error_message=_("Ilyen nevű szervezet már szerepel a címtárban."),
            ),
            models.UniqueConstraint(
                fields=["forum", "tax_number"], condition=~models.Q(tax_number=""),
                name="organisation_unique_tax_number_per_forum",
                violation_error_message=_("Ezzel az adószámmal már szerepel szervezet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Hozzájárulás (GDPR 6. cikk (1) a))")
    CONTRACT = "contract", _("Szerződés teljesítése (GDPR 6. cikk (1) b))")
    PUBLIC_TASK = "public_task", _("Közfeladat ellátása (GDPR 6. cikk (1) e))")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Jogos érdek (GDPR 6. cikk (1) f))")


class Person(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="people",
        verbose_name=_("fórum"),
    )
    name = models.CharField(_("név"), max_length=200, db_collation=HU)
    name_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    email = models.EmailField(_("e-mail-cím"), blank=True)
    phone = models.CharField(_("telefonszám"), max_length=40, blank=True)
    position = models.CharField(_("beosztás"), max_length=200, blank=True)
    legal_basis = models.CharField(
        _("adatkezelés jogalapja"), max_length=30, choices=LegalBasis.choices,
    )
    consent_given_on = models.DateField(
        _("hozzájárulás dátuma"), null=True, blank=True,
        help_text=_("Hozzájárulás jogalapnál kötelező."),
    )
    retention_until = models.DateField(
        _("adatmegőrzés vége"),
        help_text=_("Eddig a napig kezeljük az adatokat; utána törlésre kerülnek."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="person", verbose_name=_("felhasználói fiók"),
    )
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="people",
        verbose_name=_("szervezetek"),
    )
    archived_at = models.DateTimeField(_("archiválva"), null=True, blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kapcsolattartó")
        verbose_name_plural = _("kapcsolattartók")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.legal_basis == LegalBasis.CONSENT and not self.consent_given_on:
            raise ValidationError(
                {"consent_given_on": _("Hozzájárulás jogalapnál adja meg a hozzájárulás dátumát.")}
            )


class Affiliation(models.Model):
    """A person's role at an organisation."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations",
        verbose_name=_("kapcsolattartó"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations",
        verbose_name=_("szervezet"),
    )
    role = models.CharField(_("szerepkör a szervezetnél"), max_length=200, blank=True)
    history = HistoricalRecords()

    forum_path = "person__forum"

    class Meta:
        verbose_name = _("szervezeti kapcsolat")
        verbose_name_plural = _("szervezeti kapcsolatok")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"], name="affiliation_unique",
                violation_error_message=_("A személy már kapcsolódik ehhez a szervezethez."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"
