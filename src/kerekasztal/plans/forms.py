from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import DateInput, Form, ModelForm
from kerekasztal.core.models import TargetGroup
from kerekasztal.core.text import fold
from kerekasztal.core.uploads import SCANS
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
)


class PlanForm(ModelForm):
    class Meta:
        model = Plan
        fields = ["scope", "settlement", "title", "period_start", "period_end", "summary"]

    def __init__(self, *args, forum, settlement_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        settlements = forum.settlements().order_by("name")
        if settlement_ids is not None:
            # A settlement officer starts only their own settlement's HEP.
            settlements = settlements.filter(pk__in=settlement_ids)
            self.fields["scope"].choices = [(Scope.SETTLEMENT, Scope.SETTLEMENT.label)]
        self.fields["settlement"].queryset = settlements
        self.fields["settlement"].empty_label = _("– válasszon –")
        self.fields["settlement"].help_text = _("Csak települési HEP-nél.")
        if self.instance.pk:
            del self.fields["scope"]
            del self.fields["settlement"]


class PlanStatusForm(Form):
    status = forms.ChoiceField(label=_("Új állapot"), choices=PlanStatus.choices)
    resolution_number = forms.CharField(label=_("Elfogadó határozat száma"), required=False,
                                        max_length=100)
    adopted_on = forms.DateField(label=_("Elfogadás napja"), required=False, widget=DateInput())


class ReviewForm(Form):
    reviewed_on = forms.DateField(label=_("A felülvizsgálat napja"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Eredmény"), choices=ReviewOutcome.choices)
    resolution_number = forms.CharField(label=_("Határozat száma"), required=False,
                                        max_length=100)
    note = forms.CharField(label=_("Megjegyzés"), required=False, widget=forms.Textarea)


class ChapterForm(ModelForm):
    class Meta:
        model = Chapter
        fields = ["text", "problems_found", "opportunities"]


class StatisticForm(ModelForm):
    class Meta:
        model = Statistic
        fields = ["name", "unit", "source"]


class StatisticValueForm(Form):
    settlement = forms.ModelChoiceField(label=_("Település"), queryset=Settlement.objects.none())
    year = forms.IntegerField(label=_("Év"), min_value=1990, max_value=2100)
    value = forms.DecimalField(label=_("Érték"), max_digits=14, decimal_places=2)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = plan.settlements().order_by("name")
        self.fields["settlement"].empty_label = _("– válasszon –")


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

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.fields["problems"].queryset = plan.problems.select_related("target_group")
        self.fields["target_group"].empty_label = _("– válasszon –")
        self.fields["responsible_organisation"].queryset = Organisation.objects.filter(
            forum=plan.forum.root, archived_at__isnull=True).order_by("name")
        self.fields["responsible_organisation"].empty_label = _("– nincs a címtárban –")
        # A deadline outside the period is a warning, not an error: the measure page says so.


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
