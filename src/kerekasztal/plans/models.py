"""Equal-opportunity plans: settlement HEPs and district / county programme plans.

A plan (321/2011. Korm. rendelet) is a situation analysis (HE: chapters per target group
and general chapters, with statistical tables and conclusions) and an action plan (IT:
problems and measures). Target groups describe problems and measures, never a person;
statistics are aggregate figures only.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core.records.uploads import SCANS, RandomName, policy_validator


class Scope(models.TextChoices):
    SETTLEMENT = "settlement", _("Települési HEP")
    DISTRICT = "district", _("Járási programterv")
    COUNTY = "county", _("Megyei programterv")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Tervezet")
    SUBMITTED = "submitted", _("Benyújtva")
    CONSULTATION = "consultation", _("Véleményezés alatt")
    ADOPTED = "adopted", _("Elfogadva")
    UNDER_REVIEW = "under_review", _("Felülvizsgálat alatt")
    SUPERSEDED = "superseded", _("Hatályon kívül")


# Plans whose text is public: adopted ones and those under review (still in force).
PUBLIC_STATUSES = (PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW)

# The allowed status changes (the coordinator's buttons). A settlement's HEP officer submits
# the draft (services.plan_submit); the coordinator returns it, opens the consultation or
# records the settlement's adopting decision.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PlanStatus.DRAFT: (PlanStatus.CONSULTATION,),
    PlanStatus.SUBMITTED: (PlanStatus.DRAFT, PlanStatus.CONSULTATION, PlanStatus.ADOPTED),
    PlanStatus.CONSULTATION: (PlanStatus.DRAFT, PlanStatus.ADOPTED),
    PlanStatus.ADOPTED: (PlanStatus.UNDER_REVIEW, PlanStatus.SUPERSEDED),
    PlanStatus.UNDER_REVIEW: (PlanStatus.ADOPTED, PlanStatus.SUPERSEDED),
    PlanStatus.SUPERSEDED: (),
}


def scopes_of_forum(forum) -> list[str]:
    """The plans a forum keeps: settlement HEPs, and the district programme plan of a district
    roundtable or the county programme plan of a county forum."""
    root = forum.root
    if root.district_id:
        return [Scope.SETTLEMENT, Scope.DISTRICT]
    if root.county_id:
        return [Scope.SETTLEMENT, Scope.COUNTY]
    return [Scope.SETTLEMENT]


def forum_territory(forum, scope: str) -> dict[str, int | None]:
    """The district or county of a district / county plan: the forum's own."""
    root = forum.root
    if scope == Scope.DISTRICT:
        return {"district_id": root.district_id, "county_id": None}
    if scope == Scope.COUNTY:
        county = root.county_id or (root.district.county_id if root.district_id else None)
        return {"district_id": None, "county_id": county}
    return {"district_id": None, "county_id": None}


class Plan(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="plans", verbose_name=_("fórum")
    )
    scope = models.CharField(_("típus"), max_length=20, choices=Scope.choices)
    settlement = models.ForeignKey(
        "territory.Settlement", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("település"),
    )
    district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("járás"),
    )
    county = models.ForeignKey(
        "territory.County", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("vármegye"),
    )
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    period_start = models.PositiveSmallIntegerField(
        _("időszak kezdete (év)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    period_end = models.PositiveSmallIntegerField(
        _("időszak vége (év)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("állapot"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    resolution_number = models.CharField(_("elfogadó határozat száma"), max_length=100,
                                         blank=True)
    adopted_on = models.DateField(_("elfogadás napja"), null=True, blank=True)
    summary = models.TextField(_("bevezetés, összefoglaló"), blank=True)
    submitted_at = models.DateTimeField(_("benyújtva"), null=True, blank=True)
    returned_at = models.DateTimeField(_("átdolgozásra visszaküldve"), null=True, blank=True)
    return_note = models.TextField(_("a visszaküldés indoka"), blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes",
        verbose_name=_("felváltotta"),
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("esélyegyenlőségi program")
        verbose_name_plural = _("esélyegyenlőségi programok")
        ordering = ["scope", "settlement__name", "-period_start", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"

    @property
    def period_label(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def territory(self):
        return self.settlement or self.district or self.county

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        """Content may change in draft, submitted, consultation and review; not once
        adopted."""
        return self.status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED,
                               PlanStatus.CONSULTATION, PlanStatus.UNDER_REVIEW)

    def settlements(self):
        from kerekasztal.territory.models import Settlement

        if self.scope == Scope.SETTLEMENT:
            return Settlement.objects.filter(pk=self.settlement_id)
        if self.scope == Scope.DISTRICT:
            return Settlement.objects.filter(district_id=self.district_id)
        return Settlement.objects.filter(county_id=self.county_id)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        needed = {Scope.SETTLEMENT: "settlement", Scope.DISTRICT: "district",
                  Scope.COUNTY: "county"}.get(self.scope)
        if needed == "settlement" and not self.settlement_id:
            errors["settlement"] = _("A települési HEP-hez adja meg a települést.")
        if needed == "district" and not self.district_id:
            errors["district"] = _("A járási programtervhez adja meg a járást.")
        if needed == "county" and not self.county_id:
            errors["county"] = _("A megyei programtervhez adja meg a vármegyét.")
        if self.forum_id and self.settlement_id and needed == "settlement":
            allowed = self.forum.settlements().filter(pk=self.settlement_id).exists()
            if not allowed:
                errors["settlement"] = _("A település nem a fórum területén van.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Az időszak vége nem lehet a kezdete előtt.")
        if self.status == PlanStatus.ADOPTED:
            if not self.resolution_number.strip():
                errors["resolution_number"] = _("Az elfogadáshoz adja meg a határozat számát.")
            if not self.adopted_on:
                errors["adopted_on"] = _("Az elfogadáshoz adja meg az elfogadás napját.")
        if errors:
            raise ValidationError(errors)


class ReviewOutcome(models.TextChoices):
    UNCHANGED = "unchanged", _("Felülvizsgálva, változatlanul hatályban")
    AMENDED = "amended", _("Felülvizsgálva, módosítással")
    REPLACED = "replaced", _("Új program készül")


class PlanReview(models.Model):
    """The two-yearly review of an adopted plan (Ebktv. 31. § (4))."""

    forum_path = "plan__forum"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews",
                             verbose_name=_("program"))
    reviewed_on = models.DateField(_("felülvizsgálat napja"))
    outcome = models.CharField(_("eredmény"), max_length=20, choices=ReviewOutcome.choices)
    resolution_number = models.CharField(_("határozat száma"), max_length=100, blank=True)
    note = models.TextField(_("megjegyzés"), blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("felülvizsgálat")
        verbose_name_plural = _("felülvizsgálatok")
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"{self.plan} {self.reviewed_on}"


class ChapterKind(models.TextChoices):
    """The chapters of the HEP situation analysis, in the order of the template."""

    LEGAL = "legal", _("Jogszabályi háttér")
    STRATEGY = "strategy", _("Stratégiai környezet és adathiányok")
    POVERTY_ROMA = "poverty_roma", _("Mélyszegénységben élők és romák helyzete")
    CHILDREN = "children", _("A gyermekek helyzete")
    WOMEN = "women", _("A nők helyzete")
    ELDERLY = "elderly", _("Az idősek helyzete")
    DISABILITY = "disability", _("A fogyatékkal élők helyzete")
    PARTNERSHIP = "partnership", _("Helyi partnerség")
    PUBLICITY = "publicity", _("Nyilvánosság")


CHAPTER_ORDER = [kind.value for kind in ChapterKind]
TARGET_GROUP_CHAPTERS = ("poverty_roma", "children", "women", "elderly", "disability")


class Chapter(models.Model):
    """One chapter of the situation analysis, with its conclusions (Következtetések)."""

    forum_path = "plan__forum"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters",
                             verbose_name=_("program"))
    kind = models.CharField(_("fejezet"), max_length=20, choices=ChapterKind.choices)
    text = models.TextField(_("helyzetelemzés"), blank=True)
    problems_found = models.TextField(_("beazonosított problémák"), blank=True)
    opportunities = models.TextField(_("fejlesztési lehetőségek"), blank=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fejezet")
        verbose_name_plural = _("fejezetek")
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="chapter_unique")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def order(self) -> int:
        return CHAPTER_ORDER.index(self.kind)

    @property
    def is_target_group(self) -> bool:
        return self.kind in TARGET_GROUP_CHAPTERS


class Statistic(models.Model):
    """An indicator of a chapter's statistical table: aggregate figures only."""

    forum_path = "plan__forum"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statistics",
                             verbose_name=_("program"))
    chapter = models.CharField(_("fejezet"), max_length=20, choices=ChapterKind.choices)
    name = models.CharField(_("mutató"), max_length=255)
    unit = models.CharField(_("mértékegység"), max_length=40, default="fő")
    source = models.CharField(_("forrás"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("sorrend"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statisztikai mutató")
        verbose_name_plural = _("statisztikai mutatók")
        ordering = ["chapter", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "chapter", "name"], name="statistic_unique",
                violation_error_message=_("Ebben a fejezetben már van ilyen nevű mutató."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def forum(self):
        return self.plan.forum

    @property
    def forum_id(self):
        return self.plan.forum_id


class StatisticValue(models.Model):
    forum_path = "statistic__plan__forum"

    statistic = models.ForeignKey(Statistic, on_delete=models.CASCADE, related_name="values",
                                  verbose_name=_("mutató"))
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("település"))
    year = models.PositiveSmallIntegerField(
        _("év"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("érték"), max_digits=14, decimal_places=2)

    history = HistoricalRecords()
    class Meta:
        verbose_name = _("adat")
        verbose_name_plural = _("adatok")
        ordering = ["settlement__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["statistic", "settlement", "year"],
                                    name="statistic_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.statistic.name} {self.settlement} {self.year}: {self.value}"

    def clean(self) -> None:
        if self.statistic_id and self.settlement_id and not self.statistic.plan.settlements() \
                .filter(pk=self.settlement_id).exists():
            raise ValidationError({"settlement": _("A település nem a program területén van.")})


class Problem(models.Model):
    forum_path = "plan__forum"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="problems",
                             verbose_name=_("program"))
    target_group = models.ForeignKey("core.TargetGroup", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("célcsoport"))
    title = models.CharField(_("probléma"), max_length=255)
    description = models.TextField(_("leírás"), blank=True)
    baseline = models.TextField(
        _("kiinduló értékek"), blank=True,
        help_text=_("A probléma nagyságát mutató adatok, pl. „tartós munkanélküliek: 42 fő "
                    "(2023)”."),
    )
    sources = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="rolled_into",
        verbose_name=_("települési források"),
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("probléma")
        verbose_name_plural = _("problémák")
        ordering = ["target_group__order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def forum(self):
        return self.plan.forum

    @property
    def forum_id(self):
        return self.plan.forum_id


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Nem kezdődött el")
    IN_PROGRESS = "in_progress", _("Folyamatban")
    DONE = "done", _("Megvalósult")
    DELAYED = "delayed", _("Késik")
    DROPPED = "dropped", pgettext_lazy("measure", "Elmaradt")


class Measure(models.Model):
    """A row of the HEP action plan (intézkedési terv), field for field."""

    forum_path = "plan__forum"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures",
                             verbose_name=_("program"))
    number = models.PositiveSmallIntegerField(_("sorszám"))
    title = models.CharField(_("az intézkedés címe"), max_length=255)
    target_group = models.ForeignKey("core.TargetGroup", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("célcsoport"))
    problems = models.ManyToManyField(Problem, blank=True, related_name="measures",
                                      verbose_name=_("kezelt problémák"))
    goal_short = models.TextField(_("rövid távú cél"), blank=True)
    goal_medium = models.TextField(_("középtávú cél"), blank=True)
    goal_long = models.TextField(_("hosszú távú cél"), blank=True)
    content = models.TextField(_("tartalom, tevékenységek"), blank=True)
    responsible_organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("felelős szervezet (címtárból)"),
    )
    responsible = models.CharField(
        _("felelős"), max_length=255, blank=True,
        help_text=_("A felelős szervezet vagy személy neve, ha nincs a címtárban."),
    )
    responsible_person = models.CharField(_("felelős személy"), max_length=200, blank=True)
    partners = models.TextField(_("partnerek"), blank=True)
    deadline = models.DateField(_("határidő"), null=True, blank=True)
    deadline_note = models.CharField(_("határidő megjegyzés"), max_length=255, blank=True,
                                     help_text=_("pl. „folyamatos”, „évente szeptember 30.”"))
    indicator_name = models.CharField(_("eredményességi mutató"), max_length=255, blank=True)
    indicator_baseline = models.CharField(_("kiinduló érték"), max_length=100, blank=True)
    indicator_target = models.CharField(_("célérték"), max_length=100, blank=True)
    indicator_source = models.CharField(_("a mutató forrása"), max_length=255, blank=True)
    documentation = models.TextField(_("dokumentáltság"), blank=True)
    risks = models.TextField(_("kockázatok és csökkentésük"), blank=True)
    resources_human = models.TextField(_("humán erőforrás"), blank=True)
    resources_financial = models.TextField(_("pénzügyi erőforrás"), blank=True)
    resources_technical = models.TextField(_("technikai erőforrás"), blank=True)
    sustainability = models.TextField(_("fenntarthatóság"), blank=True)
    strategy_fit = models.TextField(_("kapcsolódás más stratégiákhoz"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("súly"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Az előrehaladás összesítésében ennyiszer számít (1–100)."),
    )
    status = models.CharField(_("állapot"), max_length=20, choices=MeasureStatus.choices,
                              default=MeasureStatus.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(
        _("teljesítés (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    sources = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="rolled_into",
        verbose_name=_("települési források"),
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intézkedés")
        verbose_name_plural = _("intézkedések")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="measure_number_unique",
                violation_error_message=_("Ez a sorszám már foglalt ebben a programban."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def forum(self):
        return self.plan.forum

    @property
    def forum_id(self):
        return self.plan.forum_id

    @property
    def responsible_label(self) -> str:
        names = [self.responsible_organisation.name if self.responsible_organisation else "",
                 self.responsible, self.responsible_person]
        return ", ".join(name for name in names if name)

    @property
    def has_responsible(self) -> bool:
        return bool(self.responsible_organisation_id or self.responsible.strip())

    def deadline_outside_period(self) -> bool:
        return bool(self.deadline and not (
            self.plan.period_start <= self.deadline.year <= self.plan.period_end))


class Progress(models.Model):
    """A dated progress report of the responsible organisation."""

    forum_path = "measure__plan__forum"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress",
                                verbose_name=_("intézkedés"))
    reported_on = models.DateField(_("dátum"))
    status = models.CharField(_("állapot"), max_length=20, choices=MeasureStatus.choices)
    percent = models.PositiveSmallIntegerField(
        _("teljesítés (%)"), validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("beszámoló"))
    evidence = models.CharField(
        _("bizonyíték"), max_length=500, blank=True,
        help_text=_("Hol ellenőrizhető: dokumentum, határozat, webcím."),
    )
    evidence_file = models.FileField(
        _("bizonyíték (fájl)"), upload_to=RandomName("progress-evidence"), blank=True,
        validators=[policy_validator(SCANS)],
        help_text=_("Szkennelt jegyzőkönyv, jelenléti ív, fénykép. Csak a koordinátorok, az "
                    "ellenőrök és a beszámolásra jogosultak tölthetik le."),
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("rögzítette"))
    created_at = models.DateTimeField(_("rögzítve"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("előrehaladás")
        verbose_name_plural = _("előrehaladások")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.measure} {self.reported_on}: {self.percent}%"

    def clean(self) -> None:
        if self.status == MeasureStatus.DONE and self.percent != 100:
            raise ValidationError({"percent": _("A megvalósult intézkedés teljesítése 100%.")})


class CommentDecision(models.TextChoices):
    OPEN = "open", _("Elbírálásra vár")
    ACCEPTED = "accepted", _("Elfogadva")
    REJECTED = "rejected", _("Elutasítva")


class Comment(models.Model):
    """A consultation comment on a measure or a chapter (threaded by `parent`)."""

    forum_path = "plan__forum"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments",
                             verbose_name=_("program"))
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="comments", verbose_name=_("intézkedés"))
    chapter = models.CharField(_("fejezet"), max_length=20, choices=ChapterKind.choices,
                               blank=True)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies", verbose_name=_("válasz erre"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("szerző"))
    text = models.TextField(_("észrevétel"))
    decision = models.CharField(_("döntés"), max_length=20, choices=CommentDecision.choices,
                                default=CommentDecision.OPEN)
    decision_reason = models.TextField(_("indoklás"), blank=True)
    decided_at = models.DateTimeField(_("elbírálva"), null=True, blank=True)
    created_at = models.DateTimeField(_("beküldve"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("észrevétel")
        verbose_name_plural = _("észrevételek")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def subject(self) -> str:
        if self.measure_id:
            return str(self.measure)
        if self.chapter:
            return self.get_chapter_display()
        return str(_("A program egésze"))
