"""Forums (roundtables, county forums, working groups), their dated memberships and roles."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core.collation import HU
from kerekasztal.core.records.uploads import SCANS, RandomName, policy_validator
from kerekasztal.territory.models import District, Settlement


class ForumKind(models.TextChoices):
    DISTRICT_ROUNDTABLE = "district_roundtable", _("Járási felzárkózási kerekasztal")
    COUNTY_FORUM = "county_forum", _("Megyei felzárkózási fórum")
    WORKING_GROUP = "working_group", _("Munkacsoport")


class Forum(models.Model):
    """The tenant boundary: almost every record belongs to one forum."""

    name = models.CharField(_("név"), max_length=255, db_collation=HU)
    slug = models.SlugField(
        _("webcím-azonosító"), max_length=80, unique=True,
        help_text=_("A nyilvános oldal címe: /f/azonosító/. Kisbetűk, számok, kötőjel."),
    )
    kind = models.CharField(_("típus"), max_length=30, choices=ForumKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="working_groups",
        verbose_name=_("fórum, amelyhez a munkacsoport tartozik"),
    )
    district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, null=True, blank=True,
        related_name="forums", verbose_name=_("járás"),
    )
    county = models.ForeignKey(
        "territory.County", on_delete=models.PROTECT, null=True, blank=True,
        related_name="forums", verbose_name=_("vármegye"),
    )
    lead_organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("vezető szervezet"),
    )
    founded_on = models.DateField(_("megalakulás napja"), null=True, blank=True)
    description = models.TextField(_("bemutatkozás"), blank=True)
    contact_name = models.CharField(_("kapcsolattartó neve"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kapcsolattartó e-mail-címe"), blank=True)
    contact_phone = models.CharField(_("kapcsolattartó telefonszáma"), max_length=40, blank=True)
    contact_address = models.CharField(_("postacím"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fórum")
        verbose_name_plural = _("fórumok")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == ForumKind.WORKING_GROUP:
            if not self.parent_id:
                errors["parent"] = _("A munkacsoportnak meg kell adni, melyik fórumhoz tartozik.")
        elif self.parent_id:
            errors["parent"] = _("Csak munkacsoport tartozhat másik fórumhoz.")
        if self.kind == ForumKind.DISTRICT_ROUNDTABLE and not self.district_id:
            errors["district"] = _("A járási kerekasztalhoz adja meg a járást.")
        if self.kind == ForumKind.COUNTY_FORUM and not self.county_id:
            errors["county"] = _("A megyei fórumhoz adja meg a vármegyét.")
        if self.district_id and self.county_id and self.district.county_id != self.county_id:
            errors["district"] = _("A járás nem ebben a vármegyében van.")
        if errors:
            raise ValidationError(errors)

    @property
    def root(self) -> "Forum":
        """The forum whose directory this one uses (a working group uses its parent's)."""
        return self.parent if self.parent_id else self

    @property
    def territory_label(self) -> str:
        forum = self.root if self.kind == ForumKind.WORKING_GROUP else self
        if forum.district_id:
            return str(forum.district)
        if forum.county_id:
            return f"{forum.county} {_('vármegye')}"
        return ""

    def settlements(self) -> models.QuerySet[Settlement]:
        """The settlements of the forum's territory."""
        forum = self.root if self.kind == ForumKind.WORKING_GROUP else self
        if forum.district_id:
            # Budapest's kerületek stand at district level but belong to one settlement,
            # Budapest, the only settlement without a district: it is their territory.
            budapest = District.objects.filter(pk=forum.district_id, is_budapest_district=True)
            return Settlement.objects.filter(
                models.Q(district_id=forum.district_id)
                | models.Q(district__isnull=True, county__in=budapest.values("county_id")))
        if forum.county_id:
            return Settlement.objects.filter(county_id=forum.county_id)
        return Settlement.objects.none()


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Elnök")
    MEMBER = "member", _("Tag")
    PERMANENT_INVITEE = "permanent_invitee", _("Állandó meghívott")
    OBSERVER = "observer", _("Megfigyelő")


# Roles whose representatives take part in closed sessions.
PARTICIPATING_ROLES = (
    MembershipRole.CHAIR, MembershipRole.MEMBER, MembershipRole.PERMANENT_INVITEE,
)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def on(self, day: datetime.date) -> "MembershipQuerySet":
        """Memberships in force on `day` (both ends inclusive)."""
        return self.filter(Q(since__lte=day), Q(until__isnull=True) | Q(until__gte=day))


class Membership(models.Model):
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("fórum")
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="memberships",
        verbose_name=_("szervezet"),
    )
    role = models.CharField(
        _("szerep"), max_length=30, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    since = models.DateField(_("tagság kezdete"))
    until = models.DateField(
        _("tagság vége"), null=True, blank=True,
        help_text=_("A tagság utolsó napja. Üresen hagyva a tagság folyamatos."),
    )
    leaving_reason = models.CharField(_("kilépés oka"), max_length=255, blank=True)
    representatives = models.ManyToManyField(
        "directory.Person", blank=True, related_name="representations",
        verbose_name=_("képviselők"),
    )
    accession_declaration = models.FileField(
        _("csatlakozási nyilatkozat"), upload_to=RandomName("accession"), blank=True,
        validators=[policy_validator(SCANS)],
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[representatives])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tagság")
        verbose_name_plural = _("tagságok")
        ordering = ["organisation__name", "-since"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
                violation_error_message=_("A tagság vége nem lehet korábbi a kezdeténél."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.since <= day and (self.until is None or self.until >= day)


class AccessRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordinátor")
    SETTLEMENT_OFFICER = "settlement_officer", _("Települési HEP-felelős")
    AUDITOR = "auditor", _("Ellenőr (csak olvasás)")


class ForumAccess(models.Model):
    """A role granted to a user in one forum. Members get theirs from representation."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="access_grants", verbose_name=_("fórum")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_access",
        verbose_name=_("felhasználó"),
    )
    role = models.CharField(_("szerepkör"), max_length=30, choices=AccessRole.choices)
    settlement = models.ForeignKey(
        "territory.Settlement", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("település"),
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hozzáférés")
        verbose_name_plural = _("hozzáférések")
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "user", "role"], condition=Q(settlement__isnull=True),
                name="forum_access_unique_role",
                violation_error_message=_("Ez a felhasználó már rendelkezik ezzel a szerepkörrel."),
            ),
            models.UniqueConstraint(
                fields=["forum", "user", "role", "settlement"],
                condition=Q(settlement__isnull=False), name="forum_access_unique_settlement",
                violation_error_message=_("Ez a felhasználó már rendelkezik ezzel a szerepkörrel."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.forum})"

    def clean(self) -> None:
        if self.role == AccessRole.SETTLEMENT_OFFICER:
            if not self.settlement_id:
                raise ValidationError({"settlement": _("Adja meg a települést.")})
            if not self.forum.settlements().filter(pk=self.settlement_id).exists():
                raise ValidationError(
                    {"settlement": _("A település nem tartozik a fórum területéhez.")}
                )
        elif self.settlement_id:
            raise ValidationError({"settlement": _("Települést csak HEP-felelősnél adjon meg.")})


INVITATION_VALID_DAYS = 14


class AccountInvitation(models.Model):
    """A forum's invitation to an account that already exists on the platform: the login of a
    contact person, or a role. Nothing is linked until the account's owner accepts it from
    the e-mailed link (issue 21): until then the forum sees only the address it typed."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="invitations",
                              verbose_name=_("fórum"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_invitations", verbose_name=_("meghívott"))
    email = models.EmailField(_("e-mail-cím"))
    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="+", verbose_name=_("kapcsolattartó"))
    role = models.CharField(_("szerepkör"), max_length=30, choices=AccessRole.choices,
                            blank=True)
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("település"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+",
                                   verbose_name=pgettext_lazy("person", "meghívó"))
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("elfogadva"), null=True, blank=True)
    declined_at = models.DateTimeField(_("elutasítva"), null=True, blank=True)

    class Meta:
        verbose_name = _("meghívó meglévő fiókhoz")
        verbose_name_plural = _("meghívók meglévő fiókokhoz")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, role="") | Q(person__isnull=True)
                & ~Q(role=""),
                name="account_invitation_person_or_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.forum}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None

    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=INVITATION_VALID_DAYS)
