"""Cooperation agreements: the text, the parties and their signatures, the commitments,
the numbered versions of the text and the forum's templates.

The status of an agreement is derived from facts, never typed in: whether it was opened for
signature, the day the signature rule was met (`signed_on`, kept by the services), its
validity and its termination (see `Agreement.status_on`).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core.records.uploads import SCANS, RandomName, policy_validator


class AgreementKind(models.TextChoices):
    FOUNDING = "founding", _("A fórum alapító megállapodása")
    MULTILATERAL = "multilateral", _("Többoldalú együttműködési megállapodás")
    BILATERAL = "bilateral", _("Kétoldalú együttműködési megállapodás")
    THEMATIC = "thematic", _("Tematikus együttműködési megállapodás")


class Status(models.TextChoices):
    DRAFT = "draft", _("Tervezet")
    OPEN = "open", _("Aláírásra bocsátva")
    SIGNED = "signed", _("Aláírva, hatálybalépés előtt")
    IN_FORCE = "in_force", _("Hatályos")
    EXPIRED = "expired", _("Lejárt")
    TERMINATED = "terminated", _("Megszűnt")


# Statuses in which the signature rule has been met: the agreement is "signed".
SIGNED_STATUSES = (Status.SIGNED, Status.IN_FORCE, Status.EXPIRED, Status.TERMINATED)


class SignatureRule(models.TextChoices):
    ALL = "all", _("Minden fél aláírása")
    MINIMUM = "minimum", _("Legalább meghatározott számú fél aláírása")


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def signed_by(self, day: datetime.date) -> "AgreementQuerySet":
        """Agreements whose signature rule was met on or before `day`."""
        return self.filter(signed_on__isnull=False, signed_on__lte=day)

    def with_status(self, day: datetime.date | None = None) -> "AgreementQuerySet":
        """Annotate `status_code` computed in SQL as of `day` (for filters and lists)."""
        day = day or timezone.localdate()
        signed = Q(signed_on__isnull=False, signed_on__lte=day)
        return self.annotate(status_code=models.Case(
            models.When(terminated_on__isnull=False, terminated_on__lte=day,
                        then=models.Value(Status.TERMINATED.value)),
            models.When(signed & Q(valid_until__isnull=False, valid_until__lt=day),
                        then=models.Value(Status.EXPIRED.value)),
            models.When(signed & (Q(valid_from__isnull=True) | Q(valid_from__lte=day)),
                        then=models.Value(Status.IN_FORCE.value)),
            models.When(signed, then=models.Value(Status.SIGNED.value)),
            models.When(opened_on__isnull=False, opened_on__lte=day,
                        then=models.Value(Status.OPEN.value)),
            default=models.Value(Status.DRAFT.value),
            output_field=models.CharField(),
        ))

    def with_status_in(self, statuses, day: datetime.date | None = None
                       ) -> "AgreementQuerySet":
        return self.with_status(day).filter(status_code__in=[str(s) for s in statuses])


class Agreement(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="agreements",
        verbose_name=_("fórum"),
    )
    kind = models.CharField(_("típus"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    purpose = models.TextField(
        _("tárgy és cél"), help_text=_("Röviden: mire vállalkoznak a felek. A nyilvános "
                                       "nyilvántartásban is megjelenik."),
    )
    body = models.TextField(_("a megállapodás szövege"), blank=True)
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="agreements",
                                    verbose_name=_("témák"))
    target_groups = models.ManyToManyField(
        "core.TargetGroup", blank=True, related_name="agreements", verbose_name=_("célcsoportok"),
    )
    valid_from = models.DateField(
        _("hatály kezdete"), null=True, blank=True,
        help_text=_("Üresen hagyva az utolsó szükséges aláírás napján lép hatályba."),
    )
    valid_until = models.DateField(
        _("hatály vége"), null=True, blank=True,
        help_text=_("Üresen hagyva határozatlan idejű."),
    )
    signature_rule = models.CharField(
        _("hatálybalépés feltétele"), max_length=10, choices=SignatureRule.choices,
        default=SignatureRule.ALL,
    )
    minimum_signatures = models.PositiveSmallIntegerField(
        _("legalább ennyi aláíró fél"), null=True, blank=True,
        help_text=_("Csak akkor, ha a megállapodás meghatározott számú aláírással hatályos."),
    )
    place = models.CharField(_("a kiállítás helye"), max_length=100, blank=True)
    drafted_on = models.DateField(
        _("a szöveg elkészült"), default=timezone.localdate,
        help_text=_("Az a nap, amikor az aláírt szöveg elkészült; papíron korábban aláírt "
                    "megállapodásnál a múltban is lehet. Aláírás nem lehet korábbi ennél."),
    )
    version = models.PositiveIntegerField(_("szövegváltozat"), default=1, editable=False)
    opened_on = models.DateField(_("aláírásra bocsátva"), null=True, blank=True,
                                 editable=False)
    signed_on = models.DateField(
        _("aláírás teljesülésének napja"), null=True, blank=True, editable=False,
        help_text=_("Az a nap, amelyen a hatálybalépés feltételéül szabott aláírások "
                    "először összegyűltek. Egy későbbi módosítás aláírásáig a korábbi "
                    "aláírt szövegváltozat marad hatályban."),
    )
    terminated_on = models.DateField(_("megszűnés napja"), null=True, blank=True)
    termination_reason = models.CharField(_("megszűnés oka"), max_length=255, blank=True)
    text_public = models.BooleanField(
        _("a teljes szöveg nyilvános"), default=False,
        help_text=_("A nyilvános nyilvántartásban a teljes szöveg is olvasható."),
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("létrehozta"),
    )
    history = HistoricalRecords(m2m_fields=[topics, target_groups])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("együttműködési megállapodás")
        verbose_name_plural = _("együttműködési megállapodások")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_until_after_from",
                violation_error_message=_("A hatály vége nem lehet korábbi a kezdeténél."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", kwargs={"forum": self.forum.slug, "pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("A hatály vége nem lehet korábbi a kezdeténél.")
        if self.drafted_on and self.drafted_on > timezone.localdate():
            errors["drafted_on"] = _("A szöveg elkészültének napja nem lehet jövőbeli.")
        if self.signature_rule == SignatureRule.MINIMUM:
            if not self.minimum_signatures:
                errors["minimum_signatures"] = _("Adja meg, legalább hány fél aláírása kell.")
            elif self.minimum_signatures < 1:
                errors["minimum_signatures"] = _("Legalább egy aláírás kell.")
        elif self.minimum_signatures:
            errors["minimum_signatures"] = _(
                "Számot csak akkor adjon meg, ha a hatálybalépéshez meghatározott számú "
                "aláírás kell.")
        if self.terminated_on and not self.termination_reason.strip():
            errors["termination_reason"] = _("Adja meg a megszűnés okát.")
        if errors:
            raise ValidationError(errors)

    # --- the derived status ---------------------------------------------------------------

    def status_on(self, day: datetime.date | None = None) -> Status:
        day = day or timezone.localdate()
        if self.terminated_on and self.terminated_on <= day:
            return Status.TERMINATED
        if self.signed_on and self.signed_on <= day:
            if self.valid_until and self.valid_until < day:
                return Status.EXPIRED
            if self.valid_from is None or self.valid_from <= day:
                return Status.IN_FORCE
            return Status.SIGNED
        if self.opened_on and self.opened_on <= day:
            return Status.OPEN
        return Status.DRAFT

    @property
    def status(self) -> Status:
        return self.status_on()

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None

    @property
    def in_force_from(self) -> datetime.date | None:
        """The first day of force: the later of the signatures and the validity's start."""
        if not self.signed_on:
            return None
        return max(self.signed_on, self.valid_from) if self.valid_from else self.signed_on

    def signed_version(self) -> "AgreementVersion | None":
        """The latest fully signed version: the text in force (uses prefetched versions)."""
        signed = [v for v in self.versions.all() if v.signed_on]
        return max(signed, key=lambda v: v.number) if signed else None

    @property
    def is_editable(self) -> bool:
        """Texts of terminated or expired agreements are history."""
        return self.status not in (Status.TERMINATED, Status.EXPIRED)


class PartyRole(models.TextChoices):
    INITIATOR = "initiator", _("Kezdeményező")
    PARTY = "party", _("Fél")
    COORDINATOR = "coordinator", _("Koordináló fél")


class Party(models.Model):
    """An organisation of the directory taking part in an agreement."""

    forum_path = "agreement__forum"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties",
                                  verbose_name=_("megállapodás"))
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="agreement_parties",
        verbose_name=_("szervezet"),
    )
    role = models.CharField(_("szerep"), max_length=20, choices=PartyRole.choices,
                            default=PartyRole.PARTY)
    signatory_name = models.CharField(
        _("aláíró neve"), max_length=200, blank=True,
        help_text=_("A szervezet képviseletére jogosult személy, pl. a polgármester."),
    )
    signatory_position = models.CharField(_("aláíró beosztása"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("sorrend"), default=0)
    withdrawn_on = models.DateField(_("kilépés napja"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("kilépés oka"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aláíró fél")
        verbose_name_plural = _("aláíró felek")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreement_party_unique",
                violation_error_message=_("Ez a szervezet már szerepel a felek között."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def signature_for(self, version: int) -> "Signature | None":
        """This party's signature of one version (uses prefetched signatures when present)."""
        for signature in self.signatures.all():
            if signature.version == version:
                return signature
        return None

    @property
    def current_signature(self) -> "Signature | None":
        return self.signature_for(self.agreement.version)


class SignatureMethod(models.TextChoices):
    PAPER = "paper", _("Papíron aláírva")
    ELECTRONIC = "electronic", _("Elektronikus elfogadás a platformon")


class Signature(models.Model):
    """A party's signature of one version of the text, with the scanned signed copy."""

    forum_path = "party__agreement__forum"

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatures",
                              verbose_name=_("fél"))
    version = models.PositiveIntegerField(_("szövegváltozat"))
    signed_on = models.DateField(_("aláírás napja"))
    signatory_name = models.CharField(_("aláíró neve"), max_length=200)
    signatory_position = models.CharField(_("aláíró beosztása"), max_length=200, blank=True)
    method = models.CharField(
        _("az aláírás módja"), max_length=20, choices=SignatureMethod.choices,
        default=SignatureMethod.PAPER,
        help_text=_("Elektronikus elfogadásnál a rögzítő a fél képviselője, a rögzítés "
                    "ideje az elfogadás pillanata."),
    )
    scan = models.FileField(
        _("aláírt példány (szkennelve)"), upload_to=RandomName("agreements"), blank=True,
        validators=[policy_validator(SCANS)],
    )
    recorded_at = models.DateTimeField(_("rögzítve"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("rögzítette"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aláírás")
        verbose_name_plural = _("aláírások")
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "version"], name="agreement_signature_once_per_version",
                violation_error_message=_("Ez a fél ezt a szövegváltozatot már aláírta."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} – {self.signed_on}"


class AgreementVersion(models.Model):
    """A numbered snapshot of the text. A new number starts when the text changes after
    any party has signed; earlier versions stay readable."""

    forum_path = "agreement__forum"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions",
                                  verbose_name=_("megállapodás"))
    number = models.PositiveIntegerField(_("sorszám"))
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    body = models.TextField(_("szöveg"), blank=True)
    note = models.CharField(_("a változás oka"), max_length=255, blank=True)
    signed_on = models.DateField(
        _("aláírás teljesülésének napja"), null=True, blank=True,
        help_text=_("Az a nap, amelyen ennek a változatnak a szükséges aláírásai "
                    "összegyűltek."),
    )
    created_at = models.DateTimeField(_("létrehozva"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("létrehozta"),
    )

    class Meta:
        verbose_name = _("szövegváltozat")
        verbose_name_plural = _("szövegváltozatok")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"],
                                    name="agreement_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} – {self.number}."


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Tervezett")
    IN_PROGRESS = "in_progress", _("Folyamatban")
    DONE = "done", _("Teljesült")
    DROPPED = "dropped", pgettext_lazy("commitment", "Elmaradt")


class Commitment(models.Model):
    """What a party (or every party) undertakes in an agreement."""

    forum_path = "agreement__forum"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE,
                                  related_name="commitments", verbose_name=_("megállapodás"))
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="commitments",
        verbose_name=_("vállaló fél"), help_text=_("Üresen hagyva minden fél vállalása."),
    )
    text = models.TextField(_("vállalás"))
    due_on = models.DateField(_("határidő"), null=True, blank=True)
    status = models.CharField(_("állapot"), max_length=20, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.PLANNED)
    order = models.PositiveSmallIntegerField(_("sorrend"), default=0)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vállalás")
        verbose_name_plural = _("vállalások")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        if self.party_id and self.party.agreement_id != self.agreement_id:
            raise ValidationError({"party": _("A fél nem ennek a megállapodásnak a résztvevője.")})


class CommitmentNote(models.Model):
    """A dated note on a commitment's progress; it sets the commitment's status."""

    forum_path = "commitment__agreement__forum"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="notes",
                                   verbose_name=_("vállalás"))
    noted_on = models.DateField(_("dátum"))
    status = models.CharField(_("állapot"), max_length=20, choices=CommitmentStatus.choices)
    text = models.TextField(_("megjegyzés"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("rögzítette"),
    )
    created_at = models.DateTimeField(_("rögzítve"), auto_now_add=True)

    class Meta:
        verbose_name = _("előrehaladási megjegyzés")
        verbose_name_plural = _("előrehaladási megjegyzések")
        ordering = ["noted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.commitment} – {self.noted_on}"


class AgreementTemplate(models.Model):
    """A forum's own template for drafting agreements of one kind. The project ships one
    Hungarian template per kind (agreements/templates_text.py)."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="agreement_templates",
        verbose_name=_("fórum"),
    )
    kind = models.CharField(_("típus"), max_length=20, choices=AgreementKind.choices)
    name = models.CharField(_("név"), max_length=200)
    body = models.TextField(_("szöveg"))
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("megállapodássablon")
        verbose_name_plural = _("megállapodássablonok")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "name"], name="agreement_template_unique_name",
                violation_error_message=_("Ilyen nevű sablon már van."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
