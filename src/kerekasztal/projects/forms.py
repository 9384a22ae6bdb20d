import datetime

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kerekasztal.core import contracts
from kerekasztal.core.forms import (
    VERSION_FIELD,
    AmountField,
    DateInput,
    DecimalCommaField,
    Form,
    ModelForm,
)
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.forums.models import Forum

from .models import (
    Asset,
    ConsortiumPartner,
    Deliverable,
    Extension,
    Milestone,
    PartnerName,
    PressReleaseKind,
    Project,
    StaffRole,
)
from .programmes import FUND_CHOICES


def _organisations(forum: Forum):
    return Organisation.objects.filter(forum=forum.root, archived_at__isnull=True)


def _people(forum: Forum):
    return Person.objects.filter(forum=forum.root, archived_at__isnull=True)


class ProjectForm(ModelForm):
    funds = forms.MultipleChoiceField(label=pgettext_lazy("EU funds", "Alapok"),
                                      choices=FUND_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Project
        fields = ["programme", "brand", "infoblock", "call_code", "call_title", "code", "title",
                  "summary", "beneficiary", "forums_funded", "grant_amount", "grant_rate",
                  "total_cost", "funds", "start", "end", "sustainability_end", "closed_on",
                  "website", "contact"]
        field_classes = {"grant_rate": DecimalCommaField,  # "85,5" %
                         "grant_amount": AmountField, "total_cost": AmountField}  # "22 000 000"
        widgets = {"start": DateInput(), "end": DateInput(), "sustainability_end": DateInput(),
                   "closed_on": DateInput(),
                   "summary": forms.Textarea(attrs={"rows": 5}),
                   "forums_funded": forms.CheckboxSelectMultiple}

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        self.fields["beneficiary"].queryset = _organisations(forum)
        self.fields["contact"].queryset = _people(forum)
        self.fields["forums_funded"].queryset = Forum.objects.filter(
            pk__in=[forum.pk, *forum.working_groups.values_list("pk", flat=True)])

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop(VERSION_FIELD, None)  # the concurrency token is the form's, not the project's
        data["funds"] = list(data.get("funds") or [])
        return data


class ExtensionForm(ModelForm):
    class Meta:
        model = Extension
        fields = ["new_end", "reason", "decided_on"]
        widgets = {"new_end": DateInput(), "decided_on": DateInput()}
        help_texts = {"reason": _("A közlemény így írja: „… a befejezés (indok) miatt … "
                                  "napra módosult”; például: a pandémiás helyzet.")}


class PartnerForm(ModelForm):
    class Meta:
        model = ConsortiumPartner
        fields = ["organisation", "role", "tasks"]

    def __init__(self, *args, forum: Forum, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(forum)


class RenamingForm(ModelForm):
    class Meta:
        model = PartnerName
        fields = ["partner", "name", "valid_from"]
        widgets = {"valid_from": DateInput()}

    def __init__(self, *args, forum: Forum, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = ConsortiumPartner.objects.filter(
            project=project).select_related("organisation")


class StaffForm(ModelForm):
    class Meta:
        model = StaffRole
        fields = ["role", "person", "employer", "since", "until"]
        widgets = {"since": DateInput(), "until": DateInput()}

    def __init__(self, *args, forum: Forum, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(forum)
        self.fields["employer"].queryset = _organisations(forum)


class AssetForm(ModelForm):
    class Meta:
        model = Asset
        fields = ["name", "quantity", "unit_cost", "purchased_on"]
        field_classes = {"unit_cost": AmountField}
        widgets = {"purchased_on": DateInput()}


class DeliverableForm(ModelForm):
    class Meta:
        model = Deliverable
        fields = ["title", "description", "due", "completed_on", "document"]
        widgets = {"due": DateInput(), "completed_on": DateInput()}


class MilestoneForm(ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "title", "due", "reached_on"]
        widgets = {"due": DateInput(), "reached_on": DateInput()}


PARAM_LABELS = {"kind": _("Fajta"), "topic": _("Téma"), "status": _("Állapot"),
                "role": _("Szerep")}


class IndicatorForm(Form):
    name = forms.CharField(label=_("Megnevezés"), max_length=200)
    rule = forms.ChoiceField(
        label=_("Számítási szabály"), required=False,
        help_text=_("A nyilvántartásból számított érték szabálya. Kézi indikátornál az "
                    "értéket bizonyítékkal együtt kell rögzíteni."),
    )
    unit = forms.CharField(label=_("Mértékegység"), max_length=40, required=False,
                           help_text=_("Számított indikátornál üresen hagyva a szabályé."))
    target = DecimalCommaField(label=_("Célérték"), max_digits=12, decimal_places=2)
    order = forms.IntegerField(label=_("Sorrend"), min_value=0, initial=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rules = contracts.indicator_rules()
        self.fields["rule"].choices = [("", _("Kézi indikátor (bizonyítékkal)"))] + [
            (code, f"{rule.label} ({code})") for code, rule in sorted(rules.items())]
        self.param_names: list[str] = []
        for rule in rules.values():
            for name in rule.params:
                if name not in self.param_names:
                    self.param_names.append(name)
        for name in self.param_names:
            choices: dict[str, str] = {}
            for rule in rules.values():
                for value, label in rule.params.get(name, []):
                    choices.setdefault(value, str(label))
            self.fields[f"param_{name}"] = forms.ChoiceField(
                label=PARAM_LABELS.get(name, name), required=False,
                choices=[("", _("– mind –")), *choices.items()],
                help_text=_("Csak az ilyen paraméterű szabályoknál számít."),
            )

    def clean(self):
        data = super().clean()
        rule = contracts.indicator_rules().get(data.get("rule") or "")
        params = {}
        for name in self.param_names:
            value = data.get(f"param_{name}")
            if value:
                if rule is None or name not in rule.params:
                    self.add_error(f"param_{name}", _("A választott szabálynak nincs ilyen "
                                                      "paramétere."))
                else:
                    params[name] = value
        data["params"] = params
        if not data.get("unit"):
            if rule is None:
                self.add_error("unit", _("Kézi indikátornál adja meg a mértékegységet."))
            else:
                with translation.override("hu"):  # units go into Hungarian documents
                    data["unit"] = str(rule.unit)
        return data


class IndicatorTargetsForm(Form):
    """A target for each rule that computes a figure; empty rows are skipped."""

    def __init__(self, *args, existing: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = []
        for code, rule in sorted(contracts.indicator_rules().items()):
            if code in existing:
                continue
            self.codes.append(code)
            self.fields[f"target_{code}"] = DecimalCommaField(
                label=_("%(label)s – célérték (%(unit)s)") % {"label": rule.label,
                                                              "unit": rule.unit},
                required=False, min_value=0, max_digits=12, decimal_places=2,
            )

    def targets(self) -> dict:
        return {code: self.cleaned_data[f"target_{code}"] for code in self.codes
                if self.cleaned_data.get(f"target_{code}") is not None}


class ManualValueForm(Form):
    as_of = forms.DateField(label=_("Ettől a naptól"), widget=DateInput())
    value = DecimalCommaField(label=_("Érték"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Megjegyzés"), max_length=300, required=False)
    evidence = forms.FileField(label=_("Bizonyíték"))


class ManualValueEditForm(ManualValueForm):
    evidence = forms.FileField(label=_("Új bizonyíték"), required=False,
                               help_text=_("Üresen hagyva a korábbi bizonyíték marad."))


class AsOfForm(Form):
    as_of = forms.DateField(label=_("Állapot napja"), widget=DateInput(), required=False)

    def day(self, default: datetime.date | None = None) -> datetime.date:
        if self.is_valid() and self.cleaned_data.get("as_of"):
            return self.cleaned_data["as_of"]
        return default or timezone.localdate()


class GenerateForm(Form):
    kind = forms.ChoiceField(label=_("Dokumentum"), choices=PressReleaseKind.choices)
    as_of = forms.DateField(label=_("Az adatok napja"), widget=DateInput())


class PublishForm(Form):
    published_on = forms.DateField(
        label=_("A közzététel napja"), widget=DateInput(), required=False,
        help_text=_("A nap, amikor a közlemény megjelent (üresen hagyva a mai nap). "
                    "Korábban megjelent közlemény utólagos rögzítésekor adja meg a valódi "
                    "napját; jövőbeli nap nem lehet."),
    )


class PressReleaseForm(Form):
    title = forms.CharField(label=pgettext_lazy("title", "Cím"), max_length=300)
    body = forms.CharField(label=_("Szöveg"), widget=forms.Textarea(attrs={"rows": 24}))
