"""Forum sessions: meetings, agenda, invitations, attendance, quorum, minutes and decisions.

Sessions are closed (members, permanent invitees, coordinators and auditors) unless marked
public; a public meeting shows its title, date and venue on the public site, never its
closed materials (attachments, attendance, minutes, decisions).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core import hungarian
from kerekasztal.core.records.uploads import DOCUMENTS, SCANS, RandomName, policy_validator


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Tervezett")
    INVITED = "invited", _("Meghívók kiküldve")
    HELD = "held", _("Megtartva")
    CANCELLED = "cancelled", _("Elmaradt")
    RESCHEDULED = "rescheduled", _("Áthelyezve")


# Meetings that still take place (invitations, reminders, RSVP make sense).
UPCOMING_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.INVITED, MeetingStatus.RESCHEDULED)


class Visibility(models.TextChoices):
    CLOSED = "closed", _("Zárt (csak tagok és állandó meghívottak)")
    PUBLIC = "public", _("Nyilvános")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def public(self) -> "MeetingQuerySet":
        """What the public site may show: public meetings that are held or still coming."""
        return self.filter(visibility=Visibility.PUBLIC).exclude(status=MeetingStatus.CANCELLED)


class Meeting(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="meetings",
        verbose_name=_("fórum"),
    )
    number = models.PositiveIntegerField(
        _("sorszám"), help_text=_("Az ülés sorszáma a fórumon belül; üresen hagyva a következő."),
    )
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    starts_at = models.DateTimeField(_("kezdés"))
    ends_at = models.DateTimeField(_("befejezés"))
    venue_settlement = models.ForeignKey(
        "territory.Settlement", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("helyszín (település)"),
    )
    venue_address = models.CharField(_("helyszín címe"), max_length=255, blank=True)
    online_url = models.URLField(_("online részvétel linkje"), blank=True)
    status = models.CharField(_("állapot"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    visibility = models.CharField(_("láthatóság"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.CLOSED)
    description = models.TextField(_("leírás"), blank=True)
    guests = models.PositiveIntegerField(_("vendégek száma"), default=0)
    attendance_scan = models.FileField(
        _("aláírt jelenléti ív (szkennelt)"), upload_to=RandomName("attendance"), blank=True,
        validators=[policy_validator(SCANS)],
    )
    invitations_sent_at = models.DateTimeField(_("meghívók kiküldve"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("emlékeztető kiküldve"), null=True, blank=True)
    cancel_reason = models.CharField(_("elmaradás oka"), max_length=255, blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("ülés")
        verbose_name_plural = _("ülések")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "number"], name="meeting_unique_number",
                violation_error_message=_("Ilyen sorszámú ülése már van a fórumnak."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A befejezés legyen későbbi a kezdésnél.")
        if not self.venue_settlement_id and not self.online_url:
            errors["venue_settlement"] = _("Adja meg a helyszínt vagy az online részvétel "
                                           "linkjét.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def when(self) -> str:
        """The session's time as pages and e-mails write it ("2026. március 2., hétfő
        10:00–12:00"; a session ending on another day gives that day's date too)."""
        return hungarian.page_time_span(self.starts_at, self.ends_at, weekday=True)

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_upcoming(self) -> bool:
        return self.status in UPCOMING_STATUSES

    @property
    def venue(self) -> str:
        parts = [str(self.venue_settlement) if self.venue_settlement_id else "",
                 self.venue_address]
        place = ", ".join(p for p in parts if p)
        if self.online_url:
            return str(_("%(place)s (online is)") % {"place": place}) if place \
                else str(_("online"))
        return place


class AgendaItem(models.Model):
    forum_path = "meeting__forum"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("ülés"))
    position = models.PositiveIntegerField(_("sorrend"), default=0)
    title = models.CharField(_("napirendi pont"), max_length=255)
    presenter_person = models.ForeignKey(
        "directory.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("előadó (személy)"),
    )
    presenter_organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("előadó (szervezet)"),
    )
    duration_minutes = models.PositiveIntegerField(_("időtartam (perc)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("napirendi pont")
        verbose_name_plural = _("napirendi pontok")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def presenter(self) -> str:
        names = [str(x) for x in (self.presenter_person, self.presenter_organisation) if x]
        return " – ".join(names)


class AgendaAttachment(models.Model):
    forum_path = "item__meeting__forum"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("napirendi pont"))
    name = models.CharField(_("megnevezés"), max_length=255)
    file = models.FileField(_("fájl"), upload_to=RandomName("agenda"),
                            validators=[policy_validator(DOCUMENTS)])
    uploaded_at = models.DateTimeField(_("feltöltve"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("melléklet")
        verbose_name_plural = _("mellékletek")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Rsvp(models.TextChoices):
    PENDING = "pending", _("Nem válaszolt")
    YES = "yes", _("Részt vesz")
    NO = "no", _("Nem vesz részt")
    MAYBE = "maybe", _("Talán")


def _nonce() -> str:
    return secrets.token_urlsafe(12)


class Invitation(models.Model):
    """One invited person: a member organisation's representative or an extra invitee."""

    forum_path = "meeting__forum"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("ülés"))
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("szervezet"),
    )
    person = models.ForeignKey(
        "directory.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("személy"),
    )
    name = models.CharField(_("név"), max_length=200)
    email = models.EmailField(_("e-mail-cím"), blank=True)
    is_extra = models.BooleanField(_("további meghívott"), default=False)
    rsvp = models.CharField(_("visszajelzés"), max_length=10, choices=Rsvp.choices,
                            default=Rsvp.PENDING)
    substitute = models.ForeignKey(
        "directory.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("helyettes"),
    )
    # A substitute who is not in the directory (the invitee names them on the RSVP page).
    substitute_name = models.CharField(_("helyettes neve"), max_length=200, blank=True)
    substitute_email = models.EmailField(_("helyettes e-mail-címe"), blank=True)
    responded_at = models.DateTimeField(_("válasz ideje"), null=True, blank=True)
    sent_at = models.DateTimeField(_("kiküldve"), null=True, blank=True)
    nonce = models.CharField(max_length=32, default=_nonce, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meghívó")
        verbose_name_plural = _("meghívók")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False),
                name="invitation_unique_person",
                violation_error_message=_("Ez a személy már meghívót kapott erre az ülésre."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name


class Attendance(models.Model):
    """Someone who attended: a representative (or substitute) of an organisation, an invitee
    who is not in the directory (by `name`), or — for a session whose sheet was on paper —
    one head of a headcount (`counted`, per organisation or, without one, in total)."""

    forum_path = "meeting__forum"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances",
                                verbose_name=_("ülés"))
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("szervezet"),
    )
    # Erasing a person (retention, data protection) keeps the attendance as an anonymous
    # presence of the organisation: quorum and figures stay right.
    person = models.ForeignKey(
        "directory.Person", on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("személy"),
    )
    name = models.CharField(_("név (a címtáron kívüli résztvevőé)"), max_length=200,
                            blank=True)
    counted = models.BooleanField(_("létszám alapján rögzítve"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jelenlét")
        verbose_name_plural = _("jelenlétek")
        ordering = ["organisation__name", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"],
                                    condition=Q(person__isnull=False),
                                    name="attendance_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} – {self.meeting}"

    @property
    def person_name(self) -> str:
        return self.person.name if self.person_id else (self.name or "–")


class QuorumKind(models.TextChoices):
    MAJORITY = "majority", _("A tagszervezetek több mint fele jelen van")
    TWO_THIRDS = "two_thirds", _("A tagszervezetek legalább kétharmada jelen van")
    COUNT = "count", _("Legalább megadott számú tagszervezet jelen van")


class QuorumRule(models.Model):
    """A forum's rule of quorum (határozatképesség); without one, more than half."""

    forum = models.OneToOneField("forums.Forum", on_delete=models.CASCADE,
                                 related_name="quorum_rule", verbose_name=_("fórum"))
    kind = models.CharField(_("szabály"), max_length=20, choices=QuorumKind.choices,
                            default=QuorumKind.MAJORITY)
    minimum = models.PositiveIntegerField(
        _("legalább ennyi szervezet"), null=True, blank=True,
        help_text=_("Csak a „megadott számú” szabálynál."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("határozatképességi szabály")
        verbose_name_plural = _("határozatképességi szabályok")

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        if self.kind == QuorumKind.COUNT and not self.minimum:
            raise ValidationError({"minimum": _("Adja meg, legalább hány szervezet kell.")})


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Tervezet")
    CONSULTATION = "consultation", _("Véleményezésre kiküldve")
    APPROVED = "approved", _("Elfogadva")


class MinutesKind(models.TextChoices):
    MEMO = "memo", _("Emlékeztető")
    RECORD = "record", _("Jegyzőkönyv")


class Minutes(models.Model):
    forum_path = "meeting__forum"

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes",
                                   verbose_name=_("ülés"))
    kind = models.CharField(_("fajta"), max_length=10, choices=MinutesKind.choices,
                            default=MinutesKind.MEMO)
    body = models.TextField(_("szöveg"), blank=True)
    status = models.CharField(_("állapot"), max_length=20, choices=MinutesStatus.choices,
                              default=MinutesStatus.DRAFT)
    recorder = models.CharField(_("jegyzőkönyvvezető"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("véleményezésre kiküldve"), null=True, blank=True)
    comments_until = models.DateField(_("véleményezési határidő"), null=True, blank=True)
    approved_on = models.DateField(_("elfogadva"), null=True, blank=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emlékeztető")
        verbose_name_plural = _("emlékeztetők")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.meeting}"


class MinutesComment(models.Model):
    """A member's remark on minutes sent for comments."""

    forum_path = "minutes__meeting__forum"

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments",
                                verbose_name=_("emlékeztető"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("szerző"))
    text = models.TextField(_("észrevétel"))
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)

    class Meta:
        verbose_name = _("észrevétel")
        verbose_name_plural = _("észrevételek")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Nyitott")
    IN_PROGRESS = "in_progress", _("Folyamatban")
    DONE = "done", _("Teljesült")
    DROPPED = "dropped", _("Elvetve")


class Decision(models.Model):
    """A numbered decision (határozat) of a forum, in the register: `3/2015. (VI. 16.)`."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="decisions", verbose_name=_("fórum"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name=_("ülés"))
    number = models.PositiveIntegerField(_("sorszám"))
    year = models.PositiveIntegerField(_("év"))
    text = models.TextField(_("a határozat szövege"))
    votes_for = models.PositiveIntegerField(_("igen szavazat"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("nem szavazat"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("tartózkodás"), null=True, blank=True)
    responsible_organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("felelős szervezet"),
    )
    deadline = models.DateField(_("határidő"), null=True, blank=True)
    status = models.CharField(_("végrehajtás állapota"), max_length=20,
                              choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    without_quorum = models.BooleanField(_("határozatképtelen ülésen született"), default=False)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("határozat")
        verbose_name_plural = _("határozatok")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "year", "number"], name="decision_unique_number",
                violation_error_message=_("Ilyen számú határozat már van ebben az évben."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return decision_label(self.number, self.meeting.date)


def decision_label(number: int, day: datetime.date) -> str:
    """The Hungarian way of numbering decisions: `3/2015. (VI. 16.)`, `1/2026. (XII. 5.)`."""
    return hungarian.decision_number(number, day)


class DecisionNote(models.Model):
    """A dated follow-up note on a decision, optionally changing its status."""

    forum_path = "decision__forum"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="notes",
                                 verbose_name=_("határozat"))
    day = models.DateField(_("dátum"))
    text = models.TextField(_("megjegyzés"))
    status = models.CharField(_("új állapot"), max_length=20, choices=DecisionStatus.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("rögzítette"))
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)

    class Meta:
        verbose_name = _("nyomon követési bejegyzés")
        verbose_name_plural = _("nyomon követési bejegyzések")
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.day}: {self.text[:40]}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """A member's secret calendar feed URL of their forums' sessions; revoked by deleting."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="meeting_calendar", verbose_name=_("felhasználó"))
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)

    class Meta:
        verbose_name = _("naptár-hozzáférés")
        verbose_name_plural = _("naptár-hozzáférések")

    def __str__(self) -> str:
        return str(self.user)
