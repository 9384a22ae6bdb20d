import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kerekasztal.core import hungarian
from kerekasztal.core.forms import DateInput, Form, ModelForm
from kerekasztal.core.records.uploads import SCANS
from kerekasztal.directory.models import Organisation, OrganisationKind, Person
from kerekasztal.territory.models import County, District, Settlement

from .models import AccessRole, Forum, ForumKind, Membership, MembershipRole


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: District) -> str:
        return f"{obj.name} ({obj.county.name})"


def _grouped_districts():
    """District choices grouped by county, for a long but navigable list."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for district in District.objects.select_related("county").order_by("county__name", "name"):
        groups.setdefault(district.county.name, []).append((district.pk, district.name))
    return [("", _("– válasszon –"))] + list(groups.items())


class ForumForm(ModelForm):
    class Meta:
        model = Forum
        fields = [
            "name", "slug", "kind", "parent", "district", "county", "founded_on", "description",
            "contact_name", "contact_email", "contact_phone", "contact_address",
        ]
        widgets = {"founded_on": DateInput(), "description": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"district": DistrictChoiceField}
        labels = {"name": _("A fórum neve"), "kind": _("A fórum típusa")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "district" in self.fields:
            self.fields["district"].queryset = District.objects.select_related("county")
            self.fields["district"].widget.choices = _grouped_districts()
        if "county" in self.fields:
            self.fields["county"].queryset = County.objects.exclude(code="01")
            self.fields["county"].help_text = _(
                "Megyei fórumnál kötelező; járási kerekasztalnál a járásból adódik."
            )

    def clean(self):
        data = super().clean()
        district = data.get("district")
        if district and not data.get("county"):
            data["county"] = district.county
            self.instance.county = district.county
        return data


class ForumCreateForm(ForumForm):
    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["parent"].queryset = parents if parents is not None else Forum.objects.none()
        self.fields["parent"].help_text = _("Csak munkacsoportnál.")

    def clean_slug(self) -> str:
        return self.cleaned_data["slug"].strip().lower()

    lead_organisation_name = forms.CharField(
        label=_("Vezető szervezet (pályázó önkormányzat) neve"), max_length=255, required=False,
        help_text=_("Felkerül a fórum címtárába; például: Kőszeg Város Önkormányzata."),
    )
    lead_organisation_kind = forms.ChoiceField(
        label=_("Vezető szervezet típusa"), choices=OrganisationKind.choices,
        initial=OrganisationKind.LOCAL_GOVERNMENT,
    )


class ForumEditForm(ForumForm):
    class Meta(ForumForm.Meta):
        fields = [
            "name", "district", "county", "founded_on", "description", "lead_organisation",
            "contact_name", "contact_email", "contact_phone", "contact_address",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(
            forum=self.instance.root, archived_at__isnull=True
        )
        if self.instance.kind == ForumKind.WORKING_GROUP:
            del self.fields["district"]
            del self.fields["county"]


class MembershipFilterForm(Form):
    on = forms.DateField(label=_("Tagok ezen a napon"), required=False, widget=DateInput())
    former = forms.BooleanField(label=_("Korábbi tagok is"), required=False)


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "since", "until", "leaving_reason", "representatives",
                  "accession_declaration"]
        widgets = {"since": DateInput(), "until": DateInput()}

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True
        )
        self.fields["organisation"].empty_label = _("– válasszon a címtárból –")
        self.fields["representatives"].queryset = Person.objects.filter(
            forum=forum.root, archived_at__isnull=True
        )
        self.fields["representatives"].widget.attrs["size"] = 8
        self.fields["representatives"].help_text = _(
            "A szervezet képviselői a fórumban. Több is választható (Ctrl + kattintás)."
        )
        self.fields["accession_declaration"].help_text = SCANS.describe()
        if self.instance.pk:
            self.fields["organisation"].disabled = True
        else:
            del self.fields["until"]
            del self.fields["leaving_reason"]
            self.fields["since"].initial = timezone.localdate()


class MembershipEndForm(Form):
    until = forms.DateField(label=_("A tagság utolsó napja"), widget=DateInput())
    reason = forms.CharField(label=_("A kilépés oka"), max_length=255, required=False)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["until"].initial = timezone.localdate()

    def clean_until(self) -> datetime.date:
        value = self.cleaned_data["until"]
        if value < self.membership.since:
            raise forms.ValidationError(_("A tagság vége nem lehet korábbi a kezdeténél (%s).")
                                        % hungarian.date_long(self.membership.since))
        return value


class AccessGrantForm(Form):
    full_name = forms.CharField(label=_("Név"), max_length=200)
    email = forms.EmailField(label=_("E-mail-cím"))
    role = forms.ChoiceField(label=_("Szerepkör"), choices=AccessRole.choices)
    settlement = forms.ModelChoiceField(
        label=_("Település"), queryset=Settlement.objects.none(), required=False,
        help_text=_("Csak települési HEP-felelősnél."), empty_label=_("– nincs –"),
    )

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.fields["settlement"].queryset = forum.settlements().order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("role") == AccessRole.SETTLEMENT_OFFICER and not data.get("settlement"):
            self.add_error("settlement", _("HEP-felelősnél adja meg a települést."))
        if data.get("role") != AccessRole.SETTLEMENT_OFFICER and data.get("settlement"):
            self.add_error("settlement", _("Települést csak HEP-felelősnél adjon meg."))
        return data


MEMBERSHIP_ROLE_CHOICES = MembershipRole.choices
