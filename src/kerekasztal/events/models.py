"""Events of a forum: public and members-only events, series, registrations with a waitlist,
attendance (counts, never a person's ethnicity, health or disability), photos with consent,
reports and training certificates.

Target groups belong to the event; people are only counted.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core import hungarian
from kerekasztal.core.records.uploads import IMAGES, SCANS, RandomName, policy_validator


class EventKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Szakmai rendezvény, műhely")
    COMMUNITY = "community", _("Közösségi rendezvény")
    DISSEMINATION = "dissemination", _("Disszeminációs fórum")
    PARENT_CLUB = "parent_club", _("Szülői klub")
    TRAINING = "training", _("Képzés")
    SENSITIZATION = "sensitization", _("Érzékenyítő képzés")
    PRESS = "press", _("Sajtótájékoztató")
    CLOSING = "closing", _("Záró konferencia")
    OTHER = "other", _("Egyéb")


TRAINING_KINDS = (EventKind.TRAINING, EventKind.SENSITIZATION)


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Tervezett")
    PUBLISHED = "published", _("Meghirdetett")
    HELD = "held", _("Megtartott")
    CANCELLED = "cancelled", _("Elmaradt")


# What an event is shown as: the stored status, except that a published event whose start
# has passed is under way (until it ends) or held, without anyone saving it again.
UNDER_WAY = "under_way"
STATUS_LABELS = {**dict(EventStatus.choices), UNDER_WAY: _("Folyamatban")}


class EventSeries(models.Model):
    """Repeating events created at once (a parent club every second Tuesday, 8 times)."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="event_series",
        verbose_name=_("fórum"),
    )
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)

    history = HistoricalRecords()
    class Meta:
        verbose_name = _("rendezvénysorozat")
        verbose_name_plural = _("rendezvénysorozatok")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


def status_at(status: str, starts_at, ends_at, now) -> str:
    """`Event.current_status` from the fields alone (exports read plain values)."""
    if status == EventStatus.PUBLISHED and starts_at <= now:
        return EventStatus.HELD if ends_at <= now else UNDER_WAY
    return status


class EventQuerySet(models.QuerySet["Event"]):
    def held(self, now=None) -> "EventQuerySet":
        """Held events: recorded as held, or published ones whose start has passed."""
        now = now or timezone.now()
        return self.filter(Q(status=EventStatus.HELD)
                           | Q(status=EventStatus.PUBLISHED, starts_at__lte=now))

    def in_status(self, status: str, now=None) -> "EventQuerySet":
        """Events shown in the given status (`current_status`), for the list filters."""
        now = now or timezone.now()
        if status == EventStatus.HELD:
            return self.filter(Q(status=EventStatus.HELD)
                               | Q(status=EventStatus.PUBLISHED, ends_at__lte=now))
        if status == UNDER_WAY:
            return self.filter(status=EventStatus.PUBLISHED, starts_at__lte=now,
                               ends_at__gt=now)
        if status == EventStatus.PUBLISHED:
            return self.filter(status=EventStatus.PUBLISHED, starts_at__gt=now)
        return self.filter(status=status)

    def public(self) -> "EventQuerySet":
        """What the public site shows: public events once published (held and cancelled
        ones stay, marked so); never members-only or never-published events."""
        return self.filter(is_public=True, published_at__isnull=False)


class Event(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="events", verbose_name=_("fórum")
    )
    series = models.ForeignKey(
        EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("sorozat"),
    )
    kind = models.CharField(_("típus"), max_length=30, choices=EventKind.choices)
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    description = models.TextField(_("leírás"), blank=True)
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="events", verbose_name=_("témák")
    )
    target_groups = models.ManyToManyField(
        "core.TargetGroup", blank=True, related_name="events", verbose_name=_("célcsoportok")
    )
    settlements = models.ManyToManyField(
        "territory.Settlement", related_name="events", verbose_name=_("települések"),
    )
    audience = models.CharField(
        _("résztvevők köre"), max_length=255, blank=True,
        help_text=_("Kinek szól a rendezvény, ahogy a közlemény írja, például „a megyei "
                    "önkormányzat munkatársai” vagy „a járás települési HEP-referensei”."),
    )
    venue = models.CharField(_("helyszín"), max_length=255)
    address = models.CharField(_("cím (utca, házszám)"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("kezdés"))
    ends_at = models.DateTimeField(_("befejezés"))
    organiser = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="organised_events", verbose_name=_("szervező"),
    )
    partners = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="partner_events",
        verbose_name=_("partnerszervezetek"),
    )
    is_public = models.BooleanField(
        _("nyilvános"), default=True,
        help_text=_("A nyilvános rendezvény a fórum nyilvános naptárában is megjelenik; "
                    "a többit csak a fórum tagjai látják."),
    )
    status = models.CharField(
        _("állapot"), max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    published_at = models.DateTimeField(_("meghirdetve"), null=True, blank=True,
                                        editable=False)
    cancel_reason = models.CharField(_("elmaradás oka"), max_length=255, blank=True)
    # Registration
    registration_open = models.BooleanField(_("jelentkezés"), default=False)
    capacity = models.PositiveIntegerField(
        _("férőhelyek száma"), null=True, blank=True,
        help_text=_("Üresen hagyva nincs létszámkorlát."),
    )
    registration_deadline = models.DateTimeField(_("jelentkezési határidő"), null=True, blank=True)
    registration_email_required = models.BooleanField(
        _("a jelentkezéshez e-mail-cím kell"), default=True,
        help_text=_("Ha nincs bejelölve, a tagszervezetek képviselői e-mail-cím nélkül is "
                    "jelentkeztethetik a munkatársaikat (a nyilvános jelentkezéshez mindig "
                    "kell e-mail-cím)."),
    )
    # Attendance (aggregate counts only)
    participants_count = models.PositiveIntegerField(_("résztvevők száma"), null=True, blank=True)
    attendance_sheet = models.FileField(
        _("aláírt jelenléti ív"), upload_to=RandomName("events/sheets"), blank=True,
        validators=[policy_validator(SCANS)],
    )
    # Trainings
    hours = models.DecimalField(_("óraszám"), max_digits=5, decimal_places=1, null=True,
                                blank=True)
    trainer = models.CharField(_("képző"), max_length=200, blank=True)
    curriculum = models.TextField(_("tematika"), blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[topics, target_groups, settlements, partners])

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendezvény")
        verbose_name_plural = _("rendezvények")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start",
                violation_error_message=_("A befejezés nem lehet korábbi a kezdésnél."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("A befejezés nem lehet korábbi a kezdésnél.")
        if (self.registration_deadline and self.starts_at
                and self.registration_deadline > self.starts_at):
            errors["registration_deadline"] = _(
                "A jelentkezési határidő nem lehet későbbi a rendezvény kezdésénél.")
        if self.kind not in TRAINING_KINDS and (self.hours or self.trainer or self.curriculum):
            errors["hours"] = _("Óraszámot, képzőt és tematikát csak képzésnél adjon meg.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_training(self) -> bool:
        return self.kind in TRAINING_KINDS

    @property
    def is_visible_publicly(self) -> bool:
        return self.is_public and self.published_at is not None

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    def current_status(self, now=None) -> str:
        """The status as time has it: a published event is under way from its start and
        held once it ended, with no save needed."""
        return status_at(self.status, self.starts_at, self.ends_at, now or timezone.now())

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.current_status()])

    @property
    def when(self) -> str:
        """The event's time as its pages and e-mails write it, in the active language: the
        end's date too when it ends on another day ("2026. március 2. 9:00 – 2026. március
        3. 16:00")."""
        return hungarian.page_time_span(self.starts_at, self.ends_at)

    def registration_closed_reason(self, now=None) -> str:
        """Why nobody may register now ("" when registration is open)."""
        now = now or timezone.now()
        if not self.registration_open:
            return str(_("Erre a rendezvényre nem kell jelentkezni."))
        if self.status != EventStatus.PUBLISHED:
            return str(_("Erre a rendezvényre jelenleg nem lehet jelentkezni."))
        if self.registration_deadline and now > self.registration_deadline:
            return str(_("A jelentkezési határidő lejárt."))
        if now > self.starts_at:
            return str(_("A rendezvény már elkezdődött."))
        return ""


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Visszaigazolt")
    WAITLISTED = "waitlisted", _("Várólistán")
    CANCELLED = "cancelled", _("Lemondva")


class Registration(models.Model):
    """A person's registration: name, e-mail (may be missing: a colleague registered by a
    member organisation's representative, a name from a paper attendance sheet), optional
    phone, settlement and organisation, with consent. Nothing about ethnicity, health or
    disability."""

    forum_path = "event__forum"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations",
        verbose_name=_("rendezvény"),
    )
    name = models.CharField(_("név"), max_length=200)
    email = models.EmailField(_("e-mail-cím"), blank=True)
    phone = models.CharField(_("telefonszám"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="event_registrations", verbose_name=_("szervezet"),
    )
    organisation_name = models.CharField(
        _("szervezet neve"), max_length=255, blank=True,
        help_text=_("Ahogy a jelentkező vagy a jelenléti ív írja; címtárbeli szervezetnél "
                    "annak neve."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("jelentkeztette"),
    )
    settlement = models.ForeignKey(
        "territory.Settlement", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("település"),
    )
    consent = models.BooleanField(_("hozzájárulás az adatkezeléshez"), default=False)
    consent_at = models.DateTimeField(_("hozzájárulás ideje"), null=True, blank=True)
    status = models.CharField(_("állapot"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("jelentkezés ideje"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("lemondás ideje"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("várólistáról bekerült"), null=True, blank=True)
    attended = models.BooleanField(_("részt vett"), default=False)
    completed = models.BooleanField(_("elvégezte a képzést"), default=False)
    certificate_number = models.CharField(_("tanúsítvány száma"), max_length=30, blank=True)
    verification_code = models.CharField(_("ellenőrző kód"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("jelentkezés")
        verbose_name_plural = _("jelentkezések")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_unique_active_email",
                violation_error_message=_("Ezzel az e-mail-címmel már jelentkeztek erre a "
                                          "rendezvényre."),
            ),
            models.UniqueConstraint(
                fields=["verification_code"], condition=~Q(verification_code=""),
                name="registration_unique_verification_code",
            ),
            models.CheckConstraint(
                condition=Q(consent=True), name="registration_requires_consent",
                violation_error_message=_("A jelentkezéshez hozzá kell járulni az "
                                          "adatkezeléshez."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    def withdrawal_closed_reason(self, now=None) -> str:
        """Why the participant may no longer withdraw ("" while they may)."""
        now = now or timezone.now()
        if self.attended:
            return str(_("Részvételét már rögzítettük, a jelentkezés nem vonható vissza."))
        if self.event.starts_at <= now:
            return str(_("A rendezvény már elkezdődött, a jelentkezés nem vonható vissza."))
        return ""

    @property
    def organisation_label(self) -> str:
        """The organisation as shown and exported (the services keep the directory's name
        in `organisation_name` too, so no query is needed)."""
        return self.organisation_name

    @property
    def has_certificate(self) -> bool:
        return bool(self.attended and self.completed and self.certificate_number)


class AgeBand(models.TextChoices):
    UNDER_14 = "0-13", _("14 év alatt")
    YOUTH = "14-29", _("14–29 év")
    ADULT = "30-61", _("30–61 év")
    SENIOR = "62+", _("62 évtől")


class AttendanceCount(models.Model):
    """An optional breakdown of the participants: by age band, by settlement or by
    organisation (people who came from a member or partner organisation), a count."""

    forum_path = "event__forum"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendance_counts",
        verbose_name=_("rendezvény"),
    )
    age_band = models.CharField(_("korcsoport"), max_length=10, choices=AgeBand.choices,
                                blank=True)
    settlement = models.ForeignKey(
        "territory.Settlement", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("település"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("szervezet"),
    )
    count = models.PositiveIntegerField(_("létszám"))

    history = HistoricalRecords()
    class Meta:
        verbose_name = _("létszámbontás")
        verbose_name_plural = _("létszámbontások")
        ordering = ["age_band", "settlement__name", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(age_band="") & Q(settlement__isnull=False)
                           & Q(organisation__isnull=True))
                | (~Q(age_band="") & Q(settlement__isnull=True) & Q(organisation__isnull=True))
                | (Q(age_band="") & Q(settlement__isnull=True) & Q(organisation__isnull=False)),
                name="attendance_count_one_dimension",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.count}"

    @property
    def label(self) -> str:
        if self.age_band:
            return str(self.get_age_band_display())
        return self.settlement.name if self.settlement_id else self.organisation.name


class EventReport(models.Model):
    """What happened: summary, outcomes and the problems raised (linked to the plans'
    problems with core.records.links kind 'raised' when that app exists)."""

    forum_path = "event__forum"

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="report", verbose_name=_("rendezvény")
    )
    summary = models.TextField(_("összefoglaló"))
    outcomes = models.TextField(_("eredmények"), blank=True)
    problems_raised = models.TextField(_("felvetett problémák"), blank=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beszámoló")
        verbose_name_plural = _("beszámolók")

    def __str__(self) -> str:
        return str(self.event)


class Photo(models.Model):
    """A photo of an event. Only photos whose participants agreed are ever public; the
    public gets only the resized copies (no EXIF)."""

    forum_path = "event__forum"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("rendezvény")
    )
    image = models.FileField(
        _("fénykép"), upload_to=RandomName("events/photos"),
        validators=[policy_validator(IMAGES)],
    )
    display = models.FileField(upload_to=RandomName("events/photos/display"), blank=True,
                               editable=False)
    thumbnail = models.FileField(upload_to=RandomName("events/photos/thumb"), blank=True,
                                 editable=False)
    alt_text = models.CharField(
        _("szöveges leírás (alt)"), max_length=300,
        help_text=_("Mit ábrázol a kép: a képernyőolvasót használók ezt hallják."),
    )
    caption = models.CharField(_("képaláírás"), max_length=300, blank=True)
    consent = models.BooleanField(
        _("a képen szereplők hozzájárultak a közzétételhez"), default=False,
        help_text=_("Hozzájárulás nélkül a kép sosem nyilvános."),
    )
    created_at = models.DateTimeField(_("feltöltve"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fénykép")
        verbose_name_plural = _("fényképek")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.alt_text
