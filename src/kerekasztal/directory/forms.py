import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import (
    DateInput,
    Form,
    HungarianDateField,
    ModelForm,
    RecordByNameField,
)
from kerekasztal.core.text import fold
from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import Settlement

from .models import LegalBasis, Organisation, OrganisationKind, Person
from .validators import normalise_tax_number


def seat_choices(forum: Forum):
    """Settlements of the forum's county (and Budapest, where many state bodies sit)."""
    root = forum.root
    county_id = root.county_id or (root.district.county_id if root.district_id else None)
    return Settlement.objects.filter(Q(county_id=county_id) | Q(status="főváros")).order_by("name")


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "seat", "postal_code", "address", "email", "phone", "website",
            "tax_number",
        ]

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.instance.forum = forum.root
        self.fields["seat"].queryset = seat_choices(forum)
        self.fields["seat"].empty_label = _("– válasszon –")

    def clean_tax_number(self) -> str:
        value = self.cleaned_data["tax_number"].strip()
        return normalise_tax_number(value) if value else ""

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        if value and not (value.isdigit() and len(value) == 4):
            raise forms.ValidationError(_("Az irányítószám négy számjegy."))
        return value


class OrganisationFilterForm(Form):
    q = forms.CharField(label=_("Keresés névre"), required=False)
    kind = forms.ChoiceField(
        label=_("Típus"), required=False, choices=[("", _("Mind"))] + OrganisationKind.choices
    )
    seat = forms.ModelChoiceField(
        label=_("Székhely"), required=False, queryset=Settlement.objects.none(),
        empty_label=_("Mind"),
    )
    archived = forms.BooleanField(label=_("Archiváltak is"), required=False)

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seat_choices(forum)


class PersonForm(ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Szervezetek"), queryset=Organisation.objects.none(), required=False,
        help_text=_("Melyik szervezet(ek) kapcsolattartója. Több is választható."),
    )

    class Meta:
        model = Person
        fields = [
            "name", "email", "phone", "position", "legal_basis", "consent_given_on",
            "retention_until",
        ]
        widgets = {"consent_given_on": DateInput(), "retention_until": DateInput()}

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum.root
        self.fields["organisations"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True
        )
        self.fields["organisations"].widget.attrs["size"] = 8
        if self.instance.pk:
            self.fields["organisations"].initial = list(
                self.instance.organisations.values_list("pk", flat=True)
            )
        else:
            today = timezone.localdate()
            self.fields["retention_until"].initial = today.replace(year=today.year + 5)
            self.fields["legal_basis"].initial = LegalBasis.PUBLIC_TASK

    def clean_retention_until(self) -> datetime.date:
        value = self.cleaned_data["retention_until"]
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("Az adatmegőrzés vége nem lehet múltbeli dátum."))
        return value


class PersonFilterForm(Form):
    q = forms.CharField(label=_("Keresés névre vagy e-mail-címre"), required=False)
    # typed, not a <select>: a forum has a thousand organisations at ten times the data
    organisation = RecordByNameField(
        Organisation.objects.none(), label=_("Szervezet"), required=False,
        help_text=_("A név egy része is elég; üresen hagyva mind."),
    )
    archived = forms.BooleanField(label=_("Archiváltak is"), required=False)

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(forum=forum.root)


# --- import rows -------------------------------------------------------------------------

_KIND_BY_LABEL = {fold(str(label)): value for value, label in OrganisationKind.choices} | {
    fold(value): value for value in OrganisationKind.values
}
_BASIS_BY_LABEL = {fold(str(label)): value for value, label in LegalBasis.choices} | {
    fold(value): value for value in LegalBasis.values
} | {"hozzajarulas": "consent", "kozfeladat": "public_task", "jogos erdek": "legitimate_interest",
     "szerzodes": "contract"}


class _ImportRow(Form):
    def __init__(self, *args, forum: Forum, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.seen = seen


def settlement_by_name(name: str, seen: dict) -> Settlement:
    """A settlement by its name (unique in Hungary), forgiving case and accents."""
    if "settlements" not in seen:
        seen["settlements"] = {fold(s.name): s for s in Settlement.objects.all()}
    settlement = seen["settlements"].get(fold(name))
    if settlement is None:
        raise forms.ValidationError(_("Nincs ilyen nevű település: „%s”.") % name)
    return settlement


class OrganisationImportRow(_ImportRow):
    name = forms.CharField(max_length=255)
    kind = forms.CharField()
    seat = forms.CharField(required=False)
    postal_code = forms.CharField(required=False)
    address = forms.CharField(required=False, max_length=255)
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=40)
    website = forms.URLField(required=False)
    tax_number = forms.CharField(required=False)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        key = fold(name)
        names = self.seen.setdefault("names", set())
        if key in names:
            raise forms.ValidationError(_("Ez a név a fájlban korábban már szerepelt."))
        names.add(key)
        if Organisation.objects.filter(forum=self.forum.root, name_key=key).exists():
            raise forms.ValidationError(_("Ilyen nevű szervezet már szerepel a címtárban."))
        return name

    def clean_kind(self) -> str:
        value = _KIND_BY_LABEL.get(fold(self.cleaned_data["kind"]))
        if value is None:
            raise forms.ValidationError(
                _("Ismeretlen típus. Lehetséges: %s.")
                % ", ".join(str(label) for _v, label in OrganisationKind.choices)
            )
        return value

    def clean_seat(self) -> Settlement | None:
        name = self.cleaned_data["seat"]
        return settlement_by_name(name, self.seen) if name else None

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        if value and not (value.isdigit() and len(value) == 4):
            raise forms.ValidationError(_("Az irányítószám négy számjegy."))
        return value

    def clean_tax_number(self) -> str:
        value = self.cleaned_data["tax_number"].strip()
        if not value:
            return ""
        value = normalise_tax_number(value)
        taxes = self.seen.setdefault("taxes", set())
        if value in taxes:
            raise forms.ValidationError(_("Ez az adószám a fájlban korábban már szerepelt."))
        taxes.add(value)
        if Organisation.objects.filter(forum=self.forum.root, tax_number=value).exists():
            raise forms.ValidationError(_("Ezzel az adószámmal már szerepel szervezet."))
        return value


class PersonImportRow(_ImportRow):
    name = forms.CharField(max_length=200)
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=40)
    position = forms.CharField(required=False, max_length=200)
    organisation = forms.CharField(required=False)
    legal_basis = forms.CharField()
    consent_given_on = HungarianDateField(required=False)
    retention_until = HungarianDateField()

    def clean_organisation(self) -> Organisation | None:
        name = self.cleaned_data["organisation"].strip()
        if not name:
            return None
        organisation = Organisation.objects.filter(
            forum=self.forum.root, name_key=fold(name)
        ).first()
        if organisation is None:
            raise forms.ValidationError(
                _("Nincs ilyen nevű szervezet a címtárban: „%s”. Előbb a szervezeteket "
                  "importálja.") % name
            )
        return organisation

    def clean_legal_basis(self) -> str:
        value = _BASIS_BY_LABEL.get(fold(self.cleaned_data["legal_basis"]))
        if value is None:
            raise forms.ValidationError(
                _("Ismeretlen jogalap. Lehetséges: hozzájárulás, szerződés, közfeladat, "
                  "jogos érdek.")
            )
        return value

    def clean_retention_until(self) -> datetime.date:
        value = self.cleaned_data["retention_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Az adatmegőrzés vége nem lehet múltbeli dátum."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("legal_basis") == LegalBasis.CONSENT and not data.get("consent_given_on"):
            self.add_error(
                "consent_given_on", _("Hozzájárulás jogalapnál adja meg a hozzájárulás dátumát.")
            )
        return data
