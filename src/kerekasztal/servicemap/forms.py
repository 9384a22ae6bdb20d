from django import forms
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import DateInput, Form, ModelForm
from kerekasztal.core.text import fold
from kerekasztal.directory.forms import seat_choices, settlement_by_name
from kerekasztal.directory.models import Organisation
from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import Settlement

from .coverage import Status
from .models import Gap, GapStatus, ServicePoint, ServiceRule, ServiceType

STATUS_CHOICES = [
    ("", _("– nincs válasz, marad a mostani –")),
    (Status.LOCAL.value, _("Helyben elérhető")),
    (Status.SERVED.value, _("Másik településről érhető el")),
    (Status.MISSING.value, _("Nem érhető el")),
]
STATUS_LABELS = dict(STATUS_CHOICES[1:])


class ServicePointForm(ModelForm):
    class Meta:
        model = ServicePoint
        fields = [
            "service_type", "provider_name", "organisation", "settlement", "address",
            "served_settlements", "capacity", "capacity_unit", "opening_hours", "contact",
            "source", "verified_on", "operating_since", "operating_until", "lat", "lon",
        ]
        widgets = {"verified_on": DateInput(), "operating_since": DateInput(),
                   "operating_until": DateInput(),
                   "served_settlements": forms.CheckboxSelectMultiple}

    def __init__(self, *args, forum: Forum, editable_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        seats = seat_choices(forum)
        if editable_ids is not None:
            seats = seats.filter(pk__in=editable_ids)
        self.fields["settlement"].queryset = seats
        self.fields["served_settlements"].queryset = forum.settlements().order_by("name")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True)
        for name in ("service_type", "settlement", "organisation"):
            self.fields[name].empty_label = _("– válasszon –")
        for name in ("lat", "lon"):  # a decimal comma, as Hungarians write it
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True
        self.fields["lat"].help_text = _("Nem kötelező; fokban, pl. 47,3894. Ha üres, a "
                                         "település középpontja számít.")


class PointFilterForm(Form):
    service_type = forms.ModelChoiceField(label=_("Szolgáltatástípus"), required=False,
                                          queryset=ServiceType.objects.all(),
                                          empty_label=_("Mind"))
    settlement = forms.ModelChoiceField(label=_("Település (székhely vagy ellátott)"),
                                        required=False, queryset=Settlement.objects.none(),
                                        empty_label=_("Mind"))
    q = forms.CharField(label=_("Keresés a szolgáltató nevére"), required=False)

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = forum.settlements().order_by("name")


class ServiceRuleForm(ModelForm):
    class Meta:
        model = ServiceRule
        fields = ["required_from_population", "local_from_population", "max_distance_km", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class QuestionnaireForm(Form):
    """A checklist of every service type: local, from another settlement (which), missing."""

    note = forms.CharField(label=_("Megjegyzés"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, forum: Forum, settlement: Settlement, types, initial_cells,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.types = list(types)
        self.settlement = settlement
        provider_seats = ServicePoint.objects.filter(forum=forum).values("settlement_id")
        sources = (seat_choices(forum) | Settlement.objects.filter(pk__in=provider_seats)) \
            .exclude(pk=settlement.pk).distinct().order_by("name")
        fields = {}
        for service_type in self.types:
            cell = initial_cells.get(service_type.pk)
            fields[f"status_{service_type.pk}"] = forms.ChoiceField(
                label=service_type.name, choices=STATUS_CHOICES, required=False,
                initial=cell.status.value if cell else "",
            )
            fields[f"from_{service_type.pk}"] = forms.ModelChoiceField(
                label=_("%(type)s – melyik településről") % {"type": service_type.name},
                queryset=sources, required=False, empty_label=_("– válasszon –"),
                initial=cell.provider.seat.id if cell and cell.status == Status.SERVED else None,
            )
        note = self.fields.pop("note")
        self.fields.update(fields)
        self.fields["note"] = note

    def rows(self):
        for service_type in self.types:
            yield service_type, self[f"status_{service_type.pk}"], self[f"from_{service_type.pk}"]

    def clean(self):
        data = super().clean()
        for service_type in self.types:
            status = data.get(f"status_{service_type.pk}")
            if status == Status.SERVED and not data.get(f"from_{service_type.pk}"):
                self.add_error(f"from_{service_type.pk}", _("Adja meg, melyik településről "
                                                             "érhető el."))
        return data

    def answers(self) -> dict:
        return {
            service_type: (self.cleaned_data[f"status_{service_type.pk}"],
                           self.cleaned_data[f"from_{service_type.pk}"])
            for service_type in self.types
        }


class GapForm(ModelForm):
    class Meta:
        model = Gap
        fields = ["settlement", "service_type", "severity", "found_on", "description",
                  "proposed_solution", "is_public"]
        widgets = {"found_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3}),
                   "proposed_solution": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        self.fields["settlement"].queryset = forum.settlements().order_by("name")
        self.fields["settlement"].empty_label = _("– válasszon –")
        self.fields["service_type"].empty_label = _("– válasszon –")


class GapEditForm(ModelForm):
    status = forms.ChoiceField(label=_("Állapot"), choices=[
        (GapStatus.OPEN, GapStatus.OPEN.label),
        (GapStatus.IN_PROGRESS, GapStatus.IN_PROGRESS.label)])

    class Meta:
        model = Gap
        fields = ["status", "severity", "found_on", "description", "proposed_solution",
                  "is_public"]
        widgets = {"found_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3}),
                   "proposed_solution": forms.Textarea(attrs={"rows": 3})}


    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status == GapStatus.RESOLVED:  # reopen it with its own button
            del self.fields["status"]


class GapResolveForm(Form):
    resolved_on = forms.DateField(label=_("A megoldás napja"), widget=DateInput())
    resolution = forms.CharField(label=_("Hogyan oldódott meg?"),
                                 widget=forms.Textarea(attrs={"rows": 3}))


class GapFilterForm(Form):
    status = forms.ChoiceField(label=_("Állapot"), required=False,
                               choices=[("", _("Mind"))] + GapStatus.choices)
    service_type = forms.ModelChoiceField(label=_("Szolgáltatástípus"), required=False,
                                          queryset=ServiceType.objects.all(),
                                          empty_label=_("Mind"))
    settlement = forms.ModelChoiceField(label=_("Település"), required=False,
                                        queryset=Settlement.objects.none(),
                                        empty_label=_("Mind"))

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = forum.settlements().order_by("name")


class MapForm(Form):
    service_type = forms.ModelChoiceField(
        label=_("Mit mutasson a térkép?"), required=False, queryset=ServiceType.objects.all(),
        empty_label=_("A hiányok száma településenként"),
    )


class CommentForm(Form):
    text = forms.CharField(label=_("Észrevétel a tervezethez"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))


# --- import rows -------------------------------------------------------------------------


def _type_by_name(value: str, seen: dict) -> ServiceType:
    if "types" not in seen:
        seen["types"] = {}
        for service_type in ServiceType.objects.all():
            seen["types"][fold(service_type.name)] = service_type
            seen["types"][fold(service_type.code)] = service_type
    found = seen["types"].get(fold(value))
    if found is None:
        raise forms.ValidationError(
            _("Ismeretlen szolgáltatástípus: „%s”. A típusok listája a Szolgáltatástípusok "
              "oldalon látható.") % value)
    return found


def _decimal(value: str) -> float | None:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise forms.ValidationError(_("Nem szám: „%s”.") % value) from exc


class ServicePointImportRow(Form):
    service_type = forms.CharField()
    provider_name = forms.CharField(max_length=255)
    settlement = forms.CharField()
    address = forms.CharField(required=False, max_length=255)
    served_settlements = forms.CharField(required=False)
    capacity = forms.IntegerField(required=False, min_value=0)
    capacity_unit = forms.CharField(required=False, max_length=60)
    opening_hours = forms.CharField(required=False, max_length=255)
    contact = forms.CharField(required=False, max_length=255)
    source = forms.CharField(required=False, max_length=255)
    verified_on = forms.DateField(required=False)
    operating_since = forms.DateField(required=False)
    operating_until = forms.DateField(required=False)
    lat = forms.CharField(required=False)
    lon = forms.CharField(required=False)

    def __init__(self, *args, forum: Forum, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.seen = seen

    def clean_service_type(self):
        return _type_by_name(self.cleaned_data["service_type"], self.seen)

    def clean_settlement(self):
        return settlement_by_name(self.cleaned_data["settlement"].strip(), self.seen)

    def clean_served_settlements(self):
        names = [n.strip() for n in self.cleaned_data["served_settlements"].replace(",", ";")
                 .split(";") if n.strip()]
        if "territory" not in self.seen:
            self.seen["territory"] = set(self.forum.settlements().values_list("pk", flat=True))
        found, errors = [], []
        for name in names:
            try:
                settlement = settlement_by_name(name, self.seen)
            except forms.ValidationError:
                errors.append(_("„%s” nem magyarországi település; az ellátási terület csak "
                                "hazai településeket tartalmazhat.") % name)
                continue
            if settlement.pk not in self.seen["territory"]:
                errors.append(_("„%s” nem tartozik a fórum területéhez.") % name)
                continue
            found.append(settlement)
        if errors:
            raise forms.ValidationError(errors)
        return found

    def clean_lat(self):
        return _decimal(self.cleaned_data["lat"])

    def clean_lon(self):
        return _decimal(self.cleaned_data["lon"])

    def clean(self):
        data = super().clean()
        if not self.errors:
            point = ServicePoint(forum=self.forum, **{
                k: v for k, v in data.items() if k != "served_settlements" and v is not None
                and v != ""})
            try:
                point.full_clean(exclude=["forum"])
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return data
