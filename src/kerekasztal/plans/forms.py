from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import DateInput, DecimalCommaField, Form, ModelForm
from kerekasztal.core.models import TargetGroup
from kerekasztal.core.records.uploads import SCANS
from kerekasztal.core.text import fold
from kerekasztal.directory.models import Organisation
from kerekasztal.territory.models import Settlement

from .models import (
    Chapter,
    ChapterKind,
    CommentDecision,
    Measure,
    MeasureStatus,
    Plan,
    PlanStatus,
    Problem,
    ReviewOutcome,
    Scope,
    Statistic,
    forum_territory,
    scopes_of_forum,
)
from .services import ADOPTED_IN_FUTURE, REVIEWED_IN_FUTURE


class PlanForm(ModelForm):
    class Meta:
        model = Plan
        fields = ["scope", "settlement", "title", "period_start", "period_end", "summary"]

    def __init__(self, *args, forum, settlement_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        self.forum = forum
        if self.instance.pk:
            del self.fields["scope"]
            del self.fields["settlement"]
            return
        settlements = forum.settlements().order_by("name")
        # A district roundtable keeps its district's plan, a county forum its county's.
        scopes = scopes_of_forum(forum)
        if settlement_ids is not None:
            # A settlement officer starts only their own settlement's HEP.
            settlements = settlements.filter(pk__in=settlement_ids)
            scopes = [Scope.SETTLEMENT]
        self.fields["scope"].choices = [(scope, Scope(scope).label) for scope in scopes]
        self.fields["settlement"].queryset = settlements
        self.fields["settlement"].empty_label = _("– válasszon –")
        self.fields["settlement"].help_text = _("Csak települési HEP-nél.")
        if settlement_ids is not None and len(settlement_ids) == 1:
            self.initial.setdefault("scope", Scope.SETTLEMENT)
            self.initial.setdefault("settlement", next(iter(settlement_ids)))

    def clean(self):
        """The district or county of a district / county plan is the forum's, set before the
        model's checks run (a district plan without its district cannot be saved)."""
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope and not self.instance.pk:
            territory = forum_territory(self.forum, scope)
            self.instance.district_id = territory["district_id"]
            self.instance.county_id = territory["county_id"]
            if scope != Scope.SETTLEMENT:
                cleaned["settlement"] = None
        return cleaned


def _not_in_future(value, message):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class PlanStatusForm(Form):
    status = forms.ChoiceField(label=_("Új állapot"), choices=PlanStatus.choices,
                               widget=forms.HiddenInput)
    resolution_number = forms.CharField(label=_("Elfogadó határozat száma"), required=False,
                                        max_length=100)
    adopted_on = forms.DateField(label=_("Elfogadás napja"), required=False, widget=DateInput(),
                                 help_text=_("A határozat napja; jövőbeli dátum nem adható meg."))
    note = forms.CharField(label=_("A visszaküldés indoka"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Mit kell átdolgozni? A település HEP-felelőse "
                                       "e-mailben megkapja, és a program oldalán is látja."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.data.get("status") if self.is_bound else self.initial.get("status")
        if status != PlanStatus.DRAFT:
            del self.fields["note"]  # only a return to draft has a reason

    def clean_adopted_on(self):
        return _not_in_future(self.cleaned_data.get("adopted_on"), ADOPTED_IN_FUTURE)


class ReviewForm(Form):
    reviewed_on = forms.DateField(label=_("A felülvizsgálat napja"), widget=DateInput(),
                                  help_text=_("Jövőbeli dátum nem adható meg."))
    outcome = forms.ChoiceField(label=_("Eredmény"), choices=ReviewOutcome.choices)
    resolution_number = forms.CharField(label=_("Határozat száma"), required=False,
                                        max_length=100)
    note = forms.CharField(label=_("Megjegyzés"), required=False, widget=forms.Textarea)

    def clean_reviewed_on(self):
        return _not_in_future(self.cleaned_data.get("reviewed_on"), REVIEWED_IN_FUTURE)


class ChapterForm(ModelForm):
    class Meta:
        model = Chapter
        fields = ["text", "problems_found", "opportunities"]


class StatisticForm(ModelForm):
    class Meta:
        model = Statistic
        fields = ["name", "unit", "source"]
        labels = {"name": _("Új mutató neve")}


class ChapterStatisticForm(StatisticForm):
    """The "new indicator" fields on the chapter page, in the same form as the chapter's
    text (so that neither loses the other's input); the name is needed only to add one."""

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, prefix="statistic", **kwargs)
        self.adding = adding
        self.fields["name"].required = adding
        self.fields["unit"].required = False

    def clean_unit(self):
        return self.cleaned_data.get("unit", "").strip() or "fő"

    def wanted(self) -> bool:
        return self.adding or bool(self.data.get(self.add_prefix("name"), "").strip())

    def _post_clean(self):
        if self.wanted():
            super()._post_clean()


class StatisticValueForm(Form):
    settlement = forms.ModelChoiceField(label=_("Település"), queryset=Settlement.objects.none())
    year = forms.IntegerField(label=_("Év"), min_value=1990, max_value=2100)
    value = DecimalCommaField(label=_("Érték"), max_digits=14, decimal_places=2)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = plan.settlements().order_by("name")
        self.fields["settlement"].empty_label = _("– válasszon –")


class StatisticYearsForm(Form):
    """Which years the table shows (GET): the years with data and the ones asked for."""

    first_year = forms.IntegerField(label=_("Első év"), min_value=1990, max_value=2100,
                                    required=False)
    last_year = forms.IntegerField(label=_("Utolsó év"), min_value=1990, max_value=2100,
                                   required=False)

    def years(self, existing: list[int]) -> list[int]:
        years = set(existing)
        if self.is_valid():
            first, last = self.cleaned_data["first_year"], self.cleaned_data["last_year"]
            first, last = first or last, last or first
            if first and last:
                first, last = min(first, last), max(first, last)
                years.update(range(first, min(last, first + 14) + 1))
        if not years:
            this_year = timezone.localdate().year
            years.update(range(this_year - 3, this_year))
        return sorted(years)


class StatisticTableForm(Form):
    """A whole statistical table in one form: a cell per settlement and year; an emptied
    cell clears the figure."""

    def __init__(self, *args, statistic, settlements, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.settlements, self.years = list(settlements), list(years)
        values = {(v.settlement_id, v.year): v.value for v in statistic.values.all()}
        self.rows = []
        for settlement in self.settlements:
            cells = []
            for year in self.years:
                name = f"v_{settlement.pk}_{year}"
                self.fields[name] = DecimalCommaField(
                    label=f"{settlement.name}, {year}", required=False, max_digits=14,
                    decimal_places=2, initial=values.get((settlement.pk, year)))
                cells.append(name)
            self.rows.append((settlement, cells))

    def row_fields(self):
        return [(settlement, [self[name] for name in names]) for settlement, names in self.rows]

    def values(self) -> dict:
        """{(settlement, year): value or None} of the cells the user changed."""
        changed = set(self.changed_data)
        return {(settlement, year): self.cleaned_data[f"v_{settlement.pk}_{year}"]
                for settlement in self.settlements for year in self.years
                if f"v_{settlement.pk}_{year}" in changed}


class ProblemForm(ModelForm):
    class Meta:
        model = Problem
        fields = ["target_group", "title", "description", "baseline"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["target_group"].empty_label = _("– válasszon –")


class EvidenceForm(Form):
    statistic = forms.ModelChoiceField(label=_("Statisztikai mutató"),
                                       queryset=Statistic.objects.none())
    note = forms.CharField(label=_("Megjegyzés"), required=False, max_length=255)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statistic"].queryset = plan.statistics.all()


MEASURE_FIELDS = [
    "number", "title", "target_group", "problems", "goal_short", "goal_medium", "goal_long",
    "content", "responsible_organisation", "responsible", "responsible_person", "partners",
    "deadline", "deadline_note", "indicator_name", "indicator_baseline", "indicator_target",
    "indicator_source", "documentation", "risks", "resources_human", "resources_financial",
    "resources_technical", "sustainability", "strategy_fit", "weight",
]


class MeasureForm(ModelForm):
    class Meta:
        model = Measure
        fields = MEASURE_FIELDS
        widgets = {
            "deadline": DateInput(),
            "problems": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in (
                "goal_short", "goal_medium", "goal_long", "partners", "documentation", "risks",
                "resources_human", "resources_financial", "resources_technical",
                "sustainability", "strategy_fit")},
        }

    def __init__(self, *args, plan, problem=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.fields["problems"].queryset = plan.problems.select_related("target_group")
        self.fields["target_group"].empty_label = _("– válasszon –")
        self.fields["target_group"].required = False
        self.fields["target_group"].help_text = _(
            "Ha üresen hagyja, a kiválasztott problémák célcsoportja lesz.")
        if problem is not None:
            # A measure created for a problem starts with the problem's target group.
            self.initial.setdefault("target_group", problem.target_group_id)
            self.initial.setdefault("problems", [problem.pk])
        self.fields["responsible_organisation"].queryset = Organisation.objects.filter(
            forum=plan.forum.root, archived_at__isnull=True).order_by("name")
        self.fields["responsible_organisation"].empty_label = _("– nincs a címtárban –")
        # A deadline outside the period is a warning, not an error: the measure page says so.

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("target_group") and "target_group" not in self.errors:
            groups = {problem.target_group for problem in cleaned.get("problems") or ()}
            if len(groups) == 1:
                cleaned["target_group"] = self.instance.target_group = groups.pop()
            else:
                self.add_error("target_group", _("Válassza ki a célcsoportot."))
        return cleaned


class ProgressForm(Form):
    reported_on = forms.DateField(label=_("Dátum"), widget=DateInput())
    status = forms.ChoiceField(label=_("Állapot"), choices=MeasureStatus.choices)
    percent = forms.IntegerField(label=_("Teljesítés (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(label=_("Beszámoló"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(label=_("Bizonyíték"), required=False, max_length=500,
                               help_text=_("Hol ellenőrizhető: dokumentum, határozat, webcím."))
    evidence_file = forms.FileField(
        label=_("Bizonyíték (fájl)"), required=False,
        help_text=format_lazy("{} {}", _("Szkennelt jegyzőkönyv, jelenléti ív, fénykép; nem "
                                          "nyilvános."), lazy(SCANS.describe, str)()))


FILE_AGAIN = _("A fájlt újra ki kell választani.")


def ask_files_again(form) -> None:
    """After an error the browser empties the file inputs: say so next to each file field
    whose file was sent, so the user knows to choose it again."""
    if not form.is_bound or not form.errors:
        return
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) and form.files.get(name) \
                and FILE_AGAIN not in form.errors.get(name, []):
            form.add_error(name, FILE_AGAIN)


class CommentForm(Form):
    text = forms.CharField(label=_("Észrevétel"), widget=forms.Textarea(attrs={"rows": 3}))
    measure = forms.IntegerField(required=False, widget=forms.HiddenInput)
    chapter = forms.ChoiceField(required=False, choices=[("", "")] + ChapterKind.choices,
                                widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CommentDecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Döntés"), widget=forms.RadioSelect,
        choices=[(CommentDecision.ACCEPTED, CommentDecision.ACCEPTED.label),
                 (CommentDecision.REJECTED, CommentDecision.REJECTED.label)],
    )
    decision_reason = forms.CharField(label=_("Indoklás"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))


class RollupAdoptForm(Form):
    kind = forms.ChoiceField(choices=[("problem", "problem"), ("measure", "measure")])
    items = forms.CharField()
    title = forms.CharField(label=_("Cím a járási tervben"), required=False, max_length=255)

    def item_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["items"].split(",") if pk.strip().isdigit()]


# --- import rows -------------------------------------------------------------------------


def _target_group(value: str) -> TargetGroup:
    key = fold(value)
    for group in TargetGroup.objects.all():
        if key in (fold(group.code), fold(str(group)), fold(group.name)):
            return group
    raise forms.ValidationError(
        _("Ismeretlen célcsoport: „%(value)s”. Lehetséges: %(names)s.") % {
            "value": value, "names": ", ".join(str(g) for g in TargetGroup.objects.all())})


class MeasureImportRow(Form):
    """One row of the action-plan table (the same columns as the XLSX export)."""

    number = forms.IntegerField(required=False, min_value=1, max_value=32000)
    title = forms.CharField(max_length=255)
    target_group = forms.CharField()
    goal_short = forms.CharField(required=False)
    goal_medium = forms.CharField(required=False)
    goal_long = forms.CharField(required=False)
    content = forms.CharField(required=False)
    responsible = forms.CharField(required=False, max_length=255)
    responsible_person = forms.CharField(required=False, max_length=200)
    partners = forms.CharField(required=False)
    deadline = forms.DateField(required=False)
    deadline_note = forms.CharField(required=False, max_length=255)
    indicator_name = forms.CharField(required=False, max_length=255)
    indicator_baseline = forms.CharField(required=False, max_length=100)
    indicator_target = forms.CharField(required=False, max_length=100)
    indicator_source = forms.CharField(required=False, max_length=255)
    resources_financial = forms.CharField(required=False)
    sustainability = forms.CharField(required=False)

    plan: Plan  # set on the per-plan subclass (imports.py)

    def __init__(self, *args, forum, seen, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = seen

    def clean_target_group(self):
        return _target_group(self.cleaned_data["target_group"])

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if number is None:
            return None
        numbers = self.seen.setdefault("numbers", set())
        if number in numbers:
            raise forms.ValidationError(_("Ez a sorszám kétszer szerepel a fájlban."))
        numbers.add(number)
        if self.plan.measures.filter(number=number).exists():
            raise forms.ValidationError(_("Ez a sorszám már foglalt ebben a programban."))
        return number


class StatisticImportRow(Form):
    """One figure: indicator, settlement, year, value. Aggregate figures only."""

    chapter = forms.CharField()
    name = forms.CharField(max_length=255)
    unit = forms.CharField(required=False, max_length=40)
    source = forms.CharField(required=False, max_length=255)
    settlement = forms.CharField()
    year = forms.IntegerField(min_value=1990, max_value=2100)
    value = forms.CharField()

    plan: Plan  # set on the per-plan subclass (imports.py)

    def __init__(self, *args, forum, seen, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = seen

    def clean_chapter(self):
        key = fold(self.cleaned_data["chapter"])
        for kind in ChapterKind:
            if key in (fold(kind.value), fold(str(kind.label))):
                return kind.value
        raise forms.ValidationError(_("Ismeretlen fejezet: „%s”.") % self.cleaned_data["chapter"])

    def clean_settlement(self):
        if "territory" not in self.seen:
            self.seen["territory"] = {fold(s.name): s.pk for s in self.plan.settlements()}
        value = self.cleaned_data["settlement"]
        pk = self.seen["territory"].get(fold(value))
        if pk is None:
            raise forms.ValidationError(
                _("„%s” nem a program területének települése.") % value)
        return Settlement.objects.get(pk=pk)

    def clean_value(self):
        raw = self.cleaned_data["value"].replace(" ", "").replace("\u00a0", "").replace(",", ".")
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise forms.ValidationError(_("Az érték nem szám: „%s”.")
                                        % self.cleaned_data["value"]) from exc
