"""Grant projects: the project record, its partners, staff, assets, deliverables,
milestones, indicators (computed from other apps' records or manual with evidence) and the
press releases generated from them."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core.records.uploads import DOCUMENTS, SCANS, RandomName, policy_validator

from .programmes import BRAND_CHOICES, FUND_CHOICES, PROGRAMME_CHOICES, PROGRAMMES, Brand

NOT_NEGATIVE = _("Az összeg nem lehet negatív.")


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(NOT_NEGATIVE, code="negative")


def _not_in_future(instance, field: str) -> None:
    """The day something really happened may lie in the past, never in the future."""
    from django.utils import timezone

    day = getattr(instance, field)
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("Ez a nap még nem érkezett el: csak megtörtént "
                                        "eseményt lehet rögzíteni.")})


class Project(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="projects",
        verbose_name=_("fórum"),
    )
    programme = models.CharField(_("operatív program"), max_length=20,
                                 choices=PROGRAMME_CHOICES)
    call_code = models.CharField(_("felhívás kódja"), max_length=60,
                                 help_text=_("Például ÁROP-1.A.3-2014 vagy EFOP-1.6.3-17."))
    call_title = models.CharField(_("felhívás címe"), max_length=300, blank=True)
    code = models.CharField(
        _("projektazonosító"), max_length=80,
        help_text=_("Például ÁROP-1.A.3-2014-2014-0019 vagy EFOP-1.6.3-17-2017-00009. Ha "
                    "a sorszámot nem tették közzé, elég a felhívás kódja."),
    )
    brand = models.CharField(
        _("arculat (márka)"), max_length=20, choices=BRAND_CHOICES, blank=True,
        help_text=_("Üresen hagyva az operatív program szerinti arculat. A közlemények "
                    "ezzel a márkanévvel írják le a programot."),
    )
    infoblock = models.CharField(
        _("uniós infoblokk"), max_length=10, blank=True,
        choices=[("", _("az arculat szerint")), ("show", _("megjelenik")),
                 ("hide", _("nem jelenik meg"))],
        help_text=_("A logókat és (Széchenyi 2020 arculatnál) a „Befektetés a jövőbe” "
                    "szöveget tartalmazó blokk a dokumentumokon."),
    )
    closed_on = models.DateField(
        _("lezárás napja"), null=True, blank=True,
        help_text=_("A projekt lezárásának napja (a záró beszámoló benyújtása). A lezárt "
                    "projektről minden dokumentum múlt időben ír."),
    )
    title = models.CharField(_("projekt címe"), max_length=300)
    summary = models.TextField(_("a projekt célja és tartalma"), blank=True)
    beneficiary = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("kedvezményezett"),
    )
    forums_funded = models.ManyToManyField(
        "forums.Forum", blank=True, related_name="funding_projects",
        verbose_name=_("támogatott fórumok"),
        help_text=_("Üresen hagyva a projekt ennek a fórumnak a működését támogatja."),
    )
    grant_amount = models.BigIntegerField(_("támogatás összege (Ft)"),
                                          validators=[_not_negative])
    grant_rate = models.DecimalField(
        _("támogatási intenzitás (%)"), max_digits=5, decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(0, _("Az intenzitás nem lehet negatív.")),
                    # xgettext:no-python-format ("100%" is text, not a placeholder)
                    MaxValueValidator(100, _("Az intenzitás legfeljebb 100% lehet."))],
    )
    total_cost = models.BigIntegerField(_("elszámolható összköltség (Ft)"), null=True,
                                        blank=True, validators=[_not_negative])
    funds = models.JSONField(_("alapok"), default=list, blank=True)
    start = models.DateField(_("kezdés"))
    end = models.DateField(_("eredeti befejezés"))
    sustainability_end = models.DateField(_("fenntartási időszak vége"), null=True, blank=True)
    website = models.URLField(_("honlap"), blank=True)
    contact = models.ForeignKey(
        "directory.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("kapcsolattartó"),
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projektek")
        ordering = ["-start", "code"]
        constraints = [models.UniqueConstraint(
            fields=["forum", "code"], name="project_code_unique_per_forum",
            violation_error_message=_("Ezzel az azonosítóval már van projekt a fórumban."))]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.forum.slug, self.pk])

    @property
    def fund_names(self) -> str:
        from .programmes import FUND_NAMES_HU

        return ", ".join(FUND_NAMES_HU.get(f, f) for f in self.funds)

    @property
    def programme_info(self):
        return PROGRAMMES.get(self.programme)

    @property
    def scheme(self) -> str:
        """The publicity scheme (brand) the project is published under."""
        if self.brand:
            return self.brand
        return self.programme_info.scheme if self.programme_info else ""

    @property
    def shows_infoblock(self) -> bool:
        if self.infoblock:
            return self.infoblock == "show"
        return self.scheme in (Brand.SZECHENYI_2020, Brand.SZECHENYI_PLUS)

    def is_closed_on(self, day: datetime.date) -> bool:
        """Closed (or ended) by `day`: documents then speak of it in the past tense."""
        if self.closed_on is not None and self.closed_on <= day:
            return True
        return self.current_end < day

    @property
    def is_closed(self) -> bool:
        from django.utils import timezone

        return self.is_closed_on(timezone.localdate())

    def clean(self) -> None:
        errors: dict[str, object] = {}
        programme = self.programme_info
        if programme:
            if self.call_code and not programme.call_regex().match(self.call_code):
                errors["call_code"] = _(
                    "A felhívás kódja nem felel meg a program mintájának (például %(example)s)."
                ) % {"example": programme.id_regex().match(programme.example)["call"]}
            match = programme.id_regex().match(self.code or "")
            if self.code and self.code == self.call_code:
                match = None  # the call code alone: no serial number was published
            elif self.code and not match:
                errors["code"] = _(
                    "A projektazonosító nem felel meg a program mintájának (például "
                    "%(example)s)."
                ) % {"example": programme.example}
            elif match and self.call_code and match["call"] != self.call_code:
                errors["code"] = _("A projektazonosító nem a megadott felhívás kódjával "
                                   "kezdődik (%(call)s).") % {"call": self.call_code}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("A befejezés nem lehet korábbi a kezdésnél.")
        if self.closed_on:
            from django.utils import timezone

            if self.start and self.closed_on < self.start:
                errors["closed_on"] = _("A lezárás nem lehet korábbi a kezdésnél.")
            elif self.closed_on > timezone.localdate():
                errors["closed_on"] = _("A lezárás napja nem lehet a jövőben.")
        if self.sustainability_end and self.end and self.sustainability_end < self.end:
            errors["sustainability_end"] = _(
                "A fenntartási időszak vége nem lehet korábbi a projekt befejezésénél.")
        if (self.total_cost is not None and self.grant_amount is not None
                and self.total_cost >= 0 and self.grant_amount > self.total_cost):
            errors["grant_amount"] = _("A támogatás nem lehet nagyobb az összköltségnél.")
        valid_funds = {code for code, _label in FUND_CHOICES}
        if not isinstance(self.funds, list) or set(self.funds) - valid_funds:
            errors["funds"] = _("Ismeretlen alap.")
        if errors:
            raise ValidationError(errors)

    @property
    def current_end(self) -> datetime.date:
        """The end after every extension."""
        extensions = list(self.extensions.all())
        return max([self.end, *(e.new_end for e in extensions)])

    def end_on(self, day: datetime.date) -> datetime.date:
        """The end as it stood on `day` (extensions decided later are not counted)."""
        ends = [e.new_end for e in self.extensions.all()
                if e.decided_on is None or e.decided_on <= day]
        return max([self.end, *ends])

    def funded_forums(self):
        from kerekasztal.forums.models import Forum

        ids = [f.pk for f in self.forums_funded.all()] or [self.forum_id]
        return Forum.objects.filter(pk__in=ids)


class Extension(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="extensions",
                                verbose_name=_("projekt"))
    new_end = models.DateField(_("új befejezés"))
    reason = models.CharField(_("indok"), max_length=300)
    decided_on = models.DateField(_("a módosítás napja"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hosszabbítás")
        verbose_name_plural = _("hosszabbítások")
        ordering = ["new_end"]

    def __str__(self) -> str:
        return f"{self.new_end} ({self.reason})"

    def clean(self) -> None:
        """An extension moves the end within the project's other dates: after the original
        end, within the sustainability period (which follows the end) and not after the
        closure; the amendment is signed during the project, not in the future."""
        from kerekasztal.core import hungarian

        _not_in_future(self, "decided_on")  # an amendment is recorded once it is signed
        if not self.project_id:
            return
        project, errors = self.project, {}
        if self.new_end:
            if self.new_end <= project.end:
                errors["new_end"] = _(
                    "Az új befejezésnek későbbinek kell lennie az eredeti befejezésnél.")
            elif project.sustainability_end and self.new_end > project.sustainability_end:
                errors["new_end"] = _(
                    "Az új befejezés nem lehet későbbi a fenntartási időszak végénél "
                    "(%(day)s); ha a fenntartási időszak is módosult, előbb azt javítsa a "
                    "projekt adatainál.") % {"day": hungarian.date_long(
                        project.sustainability_end)}
            elif project.closed_on and self.new_end > project.closed_on:
                errors["new_end"] = _(
                    "A projektet %(day)s lezárták: az új befejezés nem lehet későbbi a "
                    "lezárásnál.") % {"day": hungarian.date_long(project.closed_on, "on")}
        if self.decided_on:
            if self.decided_on < project.start:
                errors["decided_on"] = _(
                    "A módosítás nem lehet korábbi a projekt kezdeténél (%(day)s).") % {
                        "day": hungarian.date_long(project.start)}
            elif self.new_end and self.decided_on > self.new_end:
                errors["decided_on"] = _(
                    "A módosítás napja nem lehet későbbi az új befejezésnél: a projekt "
                    "befejezését a lejárta előtt lehet meghosszabbítani.")
        if errors:
            raise ValidationError(errors)


class PartnerRole(models.TextChoices):
    CONSORTIUM = "consortium", _("Konzorciumi partner")
    PROFESSIONAL = "professional", _("Szakmai partner")
    STATE = "state", _("Állami partner")


class ConsortiumPartner(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners",
                                verbose_name=_("projekt"))
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("szervezet"))
    role = models.CharField(_("szerep"), max_length=20, choices=PartnerRole.choices,
                            default=PartnerRole.CONSORTIUM)
    tasks = models.CharField(_("feladatai a projektben"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("konzorciumi partner")
        verbose_name_plural = _("konzorciumi partnerek")
        ordering = ["role", "organisation__name"]
        constraints = [models.UniqueConstraint(
            fields=["project", "organisation"], name="partner_unique_per_project",
            violation_error_message=_("Ez a szervezet már partner a projektben."))]

    def __str__(self) -> str:
        return self.name_on(datetime.date.max)

    def name_on(self, day: datetime.date) -> str:
        names = [n for n in self.renamings.all() if n.valid_from <= day]
        return max(names, key=lambda n: n.valid_from).name if names else self.organisation.name


class PartnerName(models.Model):
    """A partner's name from a day on (state bodies are renamed during projects)."""

    forum_path = "partner__project__forum"
    partner = models.ForeignKey(ConsortiumPartner, on_delete=models.CASCADE,
                                related_name="renamings", verbose_name=_("partner"))
    name = models.CharField(_("új név"), max_length=255)
    valid_from = models.DateField(_("hatályos ettől"))

    history = HistoricalRecords()
    class Meta:
        verbose_name = _("névváltozás")
        verbose_name_plural = _("névváltozások")
        ordering = ["valid_from"]
        constraints = [models.UniqueConstraint(
            fields=["partner", "valid_from"], name="partner_name_unique_day",
            violation_error_message=_("Erre a napra már van névváltozás."))]

    def __str__(self) -> str:
        return self.name


class StaffRoleKind(models.TextChoices):
    CATCH_UP_OFFICER = "catch_up_officer", _("felzárkózási munkatárs")
    PROJECT_MANAGER = "project_manager", _("projektmenedzser")
    PROFESSIONAL_LEAD = "professional_lead", _("szakmai vezető")
    FINANCE = "finance", _("pénzügyi munkatárs")
    FINANCE_MANAGER = "finance_manager", _("pénzügyi vezető")
    INSTRUCTOR = "instructor", _("instruktor")
    OTHER = "other", _("egyéb munkatárs")


class StaffRole(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="staff",
                                verbose_name=_("projekt"))
    role = models.CharField(_("munkakör"), max_length=30, choices=StaffRoleKind.choices)
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("személy"))
    employer = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("munkáltató"),
        help_text=_("Ha nem a kedvezményezett (például az állami partner instruktora)."),
    )
    since = models.DateField(_("kezdete"))
    until = models.DateField(_("vége"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projektmunkatárs")
        verbose_name_plural = _("projektmunkatársak")
        ordering = ["role", "since"]
        constraints = [models.CheckConstraint(
            condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
            name="staff_until_after_since",
            violation_error_message=_("A vége nem lehet korábbi a kezdeténél."))]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Asset(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assets",
                                verbose_name=_("projekt"))
    name = models.CharField(_("megnevezés"), max_length=200)
    quantity = models.PositiveIntegerField(_("mennyiség (db)"), default=1)
    unit_cost = models.BigIntegerField(_("egységár (Ft)"), null=True, blank=True,
                                       validators=[_not_negative])
    purchased_on = models.DateField(_("beszerzés napja"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eszköz")
        verbose_name_plural = _("eszközök")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.quantity} db {self.name}"


class Deliverable(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deliverables",
                                verbose_name=_("projekt"))
    title = models.CharField(_("megnevezés"), max_length=300)
    due = models.DateField(_("határidő"), null=True, blank=True)
    completed_on = models.DateField(_("elkészült"), null=True, blank=True)
    description = models.CharField(
        _("mit mutat be"), max_length=500, blank=True,
        help_text=_("A közleményben a cím után, „amely” kötőszóval folytatva, például "
                    "„bemutatja és összefoglalja a rendezvényeken feltárt problémákat”."),
    )
    document = models.FileField(
        _("dokumentum"), upload_to=RandomName("deliverable"), blank=True,
        validators=[policy_validator(DOCUMENTS)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vállalt termék")
        verbose_name_plural = _("vállalt termékek")
        ordering = ["due", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.completed_on is not None

    def clean(self) -> None:
        _not_in_future(self, "completed_on")


class MilestoneKind(models.TextChoices):
    KICKOFF = "kickoff", _("Nyitórendezvény")
    CLOSING_EVENT = "closing_event", _("Zárórendezvény")
    REPORT = "report", _("Beszámoló")
    OTHER = "other", _("Egyéb")


class Milestone(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones",
                                verbose_name=_("projekt"))
    kind = models.CharField(_("fajta"), max_length=20, choices=MilestoneKind.choices,
                            default=MilestoneKind.OTHER)
    title = models.CharField(_("megnevezés"), max_length=300)
    due = models.DateField(_("tervezett időpont"))
    reached_on = models.DateField(_("teljesült"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mérföldkő")
        verbose_name_plural = _("mérföldkövek")
        ordering = ["due"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        _not_in_future(self, "reached_on")


class Indicator(models.Model):
    """A figure the project reports, with its target: computed by a rule of another app
    (`rule` is an IndicatorRule code, `params` its arguments) or manual (no rule: values
    are recorded with evidence)."""

    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("projekt"))
    name = models.CharField(_("megnevezés"), max_length=200)
    rule = models.CharField(_("számítási szabály"), max_length=80, blank=True,
                            help_text=_("Üresen hagyva kézi indikátor, bizonyítékkal."))
    params = models.JSONField(_("paraméterek"), default=dict, blank=True)
    unit = models.CharField(_("mértékegység"), max_length=40)
    target = models.DecimalField(_("célérték"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(0, _("A célérték nem lehet "
                                                                    "negatív."))])
    order = models.PositiveIntegerField(_("sorrend"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikátor")
        verbose_name_plural = _("indikátorok")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_manual(self) -> bool:
        return not self.rule

    def clean(self) -> None:
        from kerekasztal.core.contracts import indicator_rules

        if not self.rule:
            if self.params:
                raise ValidationError({"params": _("Kézi indikátornak nincs paramétere.")})
            return
        rule = indicator_rules().get(self.rule)
        if rule is None:
            raise ValidationError({"rule": _("Ismeretlen számítási szabály.")})
        if not isinstance(self.params, dict):
            raise ValidationError({"params": _("Hibás paraméterek.")})
        for key, value in self.params.items():
            choices = rule.params.get(key)
            if choices is None:
                raise ValidationError({"params": _("Ismeretlen paraméter: %(name)s.")
                                       % {"name": key}})
            if choices and value not in {c for c, _label in choices}:
                raise ValidationError({"params": _("Érvénytelen érték: %(name)s.")
                                       % {"name": key}})


class ManualValue(models.Model):
    """The value of a manual indicator from a day on, proved by an uploaded document."""

    forum_path = "indicator__project__forum"
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="manual_values", verbose_name=_("indikátor"))
    as_of = models.DateField(_("ettől a naptól"))
    value = models.DecimalField(_("érték"), max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(0, _("Az érték nem lehet "
                                                                   "negatív."))])
    note = models.CharField(_("megjegyzés"), max_length=300, blank=True)
    evidence = models.FileField(
        _("bizonyíték"), upload_to=RandomName("indicator-evidence"),
        validators=[policy_validator(SCANS)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kézi érték")
        verbose_name_plural = _("kézi értékek")
        ordering = ["as_of"]

    def __str__(self) -> str:
        return f"{self.value} ({self.as_of})"

    def clean(self) -> None:
        if self.indicator_id and not self.indicator.is_manual:
            raise ValidationError(_("Számított indikátorhoz nem lehet kézi értéket rögzíteni."))


class PressReleaseKind(models.TextChoices):
    START = "start", _("Kezdő sajtóközlemény")
    CLOSING = "closing", _("Záró sajtóközlemény")
    CLOSING_REPORT = "closing_report", _("Záró beszámoló")


class PressRelease(models.Model):
    forum_path = "project__forum"
    project = models.ForeignKey(Project, on_delete=models.CASCADE,
                                related_name="press_releases", verbose_name=_("projekt"))
    kind = models.CharField(_("fajta"), max_length=20, choices=PressReleaseKind.choices)
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=300)
    body = models.TextField(_("szöveg"))
    as_of = models.DateField(_("az adatok napja"))
    published_at = models.DateTimeField(_("közzétéve"), null=True, blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sajtóközlemény")
        verbose_name_plural = _("sajtóközlemények")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:public_release", args=[self.project.forum.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
