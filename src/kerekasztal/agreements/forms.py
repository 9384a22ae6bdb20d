from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kerekasztal.core import hungarian
from kerekasztal.core.forms import DateInput, Form
from kerekasztal.core.models import TargetGroup, Topic
from kerekasztal.core.records.uploads import SCANS, policy_validator
from kerekasztal.core.richtext import RichTextField
from kerekasztal.directory.models import Organisation, Person

from .models import (
    AgreementKind,
    AgreementTemplate,
    CommitmentStatus,
    PartyRole,
    SignatureRule,
    Status,
)
from .templates_text import DEFAULT_TEMPLATES, PLACEHOLDERS

BUILTIN = "builtin:"


def placeholder_help() -> str:
    return str(_("Helyettesítők: %s.")) % ", ".join(
        f"[[{key}]] ({label})" for key, label in PLACEHOLDERS.items())


class AgreementForm(Form):
    kind = forms.ChoiceField(label=_("Típus"), choices=AgreementKind.choices)
    template = forms.ChoiceField(
        label=_("Sablon"), required=False,
        help_text=_("Ha a szöveget üresen hagyja, a megállapodás a sablon szövegével indul."),
    )
    title = forms.CharField(label=pgettext_lazy("title", "Cím"), max_length=255)
    purpose = forms.CharField(
        label=_("Tárgy és cél"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Röviden: mire vállalkoznak a felek. A nyilvános nyilvántartásban is "
                    "megjelenik."),
    )
    body = RichTextField(label=_("A megállapodás szövege"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Témák"), queryset=Topic.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Célcsoportok"), queryset=TargetGroup.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = forms.DateField(
        label=_("Hatály kezdete"), required=False, widget=DateInput(),
        help_text=_("Üresen hagyva az utolsó szükséges aláírás napján lép hatályba."),
    )
    valid_until = forms.DateField(
        label=_("Hatály vége"), required=False, widget=DateInput(),
        help_text=_("Üresen hagyva határozatlan idejű."),
    )
    signature_rule = forms.ChoiceField(label=_("Hatálybalépés feltétele"),
                                       choices=SignatureRule.choices)
    minimum_signatures = forms.IntegerField(
        label=_("Legalább ennyi aláíró fél"), required=False, min_value=1,
        help_text=_("Csak akkor, ha a megállapodás meghatározott számú aláírással hatályos."),
    )
    place = forms.CharField(label=_("A kiállítás helye"), required=False, max_length=100)
    drafted_on = forms.DateField(
        label=_("A szöveg elkészült"), widget=DateInput(), initial=timezone.localdate,
        required=False,
        help_text=_("Papíron korábban aláírt megállapodásnál a múltbeli nap. Aláírás nem "
                    "lehet korábbi ennél."),
    )
    note = forms.CharField(
        label=_("A változás oka"), required=False, max_length=255,
        help_text=_("Aláírás után a szöveg módosítása új szövegváltozatot indít, és minden "
                    "félnek újra alá kell írnia."),
    )

    def __init__(self, *args, forum, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = placeholder_help()
        if agreement is None:
            del self.fields["note"]
            choices = [("", _("– sablon nélkül –"))]
            choices += [(f"{BUILTIN}{kind}", name) for kind, (name, _b)
                        in DEFAULT_TEMPLATES.items()]
            choices += [(str(t.pk), t.name) for t in AgreementTemplate.objects.filter(
                forum=forum)]
            self.fields["template"].choices = choices
        else:
            del self.fields["template"]
            if agreement.opened_on:
                self.fields["kind"].disabled = True

    def clean_drafted_on(self):
        return _not_future(self.cleaned_data["drafted_on"],
                           _("A szöveg elkészültének napja nem lehet jövőbeli."))

    def clean(self):
        data = super().clean()
        if "drafted_on" in data and not data["drafted_on"]:
            del data["drafted_on"]  # left empty: today for a new one, unchanged when editing
        _check_validity(self, data)
        if data.get("signature_rule") == SignatureRule.MINIMUM and not data.get(
                "minimum_signatures"):
            self.add_error("minimum_signatures", _("Adja meg, legalább hány fél aláírása kell."))
        if data.get("signature_rule") == SignatureRule.ALL:
            data["minimum_signatures"] = None
        return data

    def template_body(self, forum) -> str:
        choice = self.cleaned_data.get("template") or ""
        if choice.startswith(BUILTIN):
            return DEFAULT_TEMPLATES.get(choice[len(BUILTIN):], ("", ""))[1]
        if choice.isdigit():
            template = AgreementTemplate.objects.filter(forum=forum, pk=int(choice)).first()
            return template.body if template else ""
        return ""


def _not_future(value, message):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


def _check_validity(form, data) -> None:
    start, end = data.get("valid_from"), data.get("valid_until")
    if start and end and end < start:
        form.add_error("valid_until", _("A hatály vége nem lehet korábbi a kezdeténél."))


class PaperAgreementForm(Form):
    """An agreement signed earlier (often on paper), recorded in one form with its parties."""

    kind = forms.ChoiceField(label=_("Típus"), choices=AgreementKind.choices)
    title = forms.CharField(label=pgettext_lazy("title", "Cím"), max_length=255)
    purpose = forms.CharField(
        label=_("Tárgy és cél"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Röviden: mire vállalkoznak a felek. Üresen hagyva a cím."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Témák"), queryset=Topic.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    drafted_on = forms.DateField(
        label=_("A szöveg elkészült"), widget=DateInput(), initial=timezone.localdate,
        help_text=_("Aláírás nem lehet korábbi ennél."),
    )
    valid_from = forms.DateField(
        label=_("Hatály kezdete"), required=False, widget=DateInput(),
        help_text=_("Üresen hagyva az utolsó aláírás napján lépett hatályba."),
    )
    valid_until = forms.DateField(
        label=_("Hatály vége"), required=False, widget=DateInput(),
        help_text=_("Üresen hagyva határozatlan idejű."),
    )
    place = forms.CharField(label=_("A kiállítás helye"), required=False, max_length=100)

    def clean_drafted_on(self):
        return _not_future(self.cleaned_data["drafted_on"],
                           _("A szöveg elkészültének napja nem lehet jövőbeli."))

    def clean(self):
        data = super().clean()
        _check_validity(self, data)
        if not (data.get("purpose") or "").strip():
            data["purpose"] = data.get("title", "")
        return data


class PartyRowForm(Form):
    """One party of a paper agreement: an empty row is ignored."""

    organisation = forms.ModelChoiceField(label=_("Szervezet"),
                                          queryset=Organisation.objects.none())
    signed_on = forms.DateField(
        label=_("Az aláírás napja"), required=False, widget=DateInput(),
        help_text=_("Üresen hagyva a fél még nem írta alá."),
    )
    signatory_name = forms.CharField(label=_("Aláíró neve"), required=False, max_length=200)
    signatory_position = forms.CharField(label=_("Aláíró beosztása"), required=False,
                                         max_length=200)
    scan = forms.FileField(label=_("Aláírt példány (szkennelve)"), required=False,
                           validators=[policy_validator(SCANS)])

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True).order_by("name")
        self.fields["organisation"].empty_label = _("– válasszon –")
        self.fields["scan"].help_text = SCANS.describe()

    def clean_signed_on(self):
        return _not_future(self.cleaned_data.get("signed_on"),
                           _("Az aláírás napja nem lehet jövőbeli."))

    def clean(self):
        data = super().clean()
        if data.get("signed_on") and not (data.get("signatory_name") or "").strip():
            self.add_error("signatory_name", _("Adja meg, ki írta alá."))
        return data


class BasePartyRows(forms.BaseFormSet):
    def check(self, drafted_on) -> bool:
        """Rules across the rows: each organisation once, no signature before the text."""
        seen: set[int] = set()
        rows = [f for f in self.forms if f.cleaned_data.get("organisation")]
        for form in rows:
            organisation, signed_on = (form.cleaned_data["organisation"],
                                       form.cleaned_data.get("signed_on"))
            if organisation.pk in seen:
                form.add_error("organisation", _("Ez a szervezet már szerepel a felek között."))
            seen.add(organisation.pk)
            if signed_on and drafted_on and signed_on < drafted_on:
                form.add_error("signed_on", _(
                    "Az aláírás napja nem lehet korábbi, mint amikor az aláírt szöveg "
                    "elkészült (%(day)s).") % {"day": hungarian.date_long(drafted_on)})
        if len(rows) < 2:
            self._non_form_errors = self.error_class(
                [_("Adjon meg legalább két felet.")], renderer=self.renderer)
            return False
        return all(not form.errors for form in rows)

    def entries(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data.get("organisation")]


PartyRows = forms.formset_factory(PartyRowForm, formset=BasePartyRows, extra=8, max_num=60,
                                  validate_max=True)


class AgreementFilterForm(Form):
    q = forms.CharField(label=_("Keresés a címben"), required=False)
    kind = forms.ChoiceField(label=_("Típus"), required=False,
                             choices=[("", _("Mind"))] + AgreementKind.choices)
    status = forms.ChoiceField(label=_("Állapot"), required=False,
                               choices=[("", _("Mind"))] + Status.choices)


class PublicFilterForm(Form):
    q = forms.CharField(label=_("Keresés (cím, tárgy, fél)"), required=False)
    kind = forms.ChoiceField(label=_("Típus"), required=False,
                             choices=[("", _("Mind"))] + AgreementKind.choices)


class PartyForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Szervezet"), queryset=Organisation.objects.none(),
        help_text=_("A fórum címtárának szervezetei."),
    )
    role = forms.ChoiceField(label=_("Szerep"), choices=PartyRole.choices,
                             initial=PartyRole.PARTY)
    signatory = forms.ModelChoiceField(
        label=_("Aláíró a címtárból"), queryset=Person.objects.none(), required=False,
        help_text=_("Ha kiválasztja, a nevét és beosztását nem kell begépelnie."),
    )
    signatory_name = forms.CharField(
        label=_("Aláíró neve"), required=False, max_length=200,
        help_text=_("A szervezet képviseletére jogosult személy, pl. a polgármester."),
    )
    signatory_position = forms.CharField(label=_("Aláíró beosztása"), required=False,
                                         max_length=200)

    def __init__(self, *args, forum, party=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True).order_by("name")
        self.fields["organisation"].empty_label = _("– válasszon –")
        people = Person.objects.filter(forum=forum.root, archived_at__isnull=True)
        if party is not None:
            del self.fields["organisation"]
            people = people.filter(affiliations__organisation=party.organisation)
        self.fields["signatory"].queryset = people.order_by("name")
        self.fields["signatory"].empty_label = _("– nincs kiválasztva –")

    def clean(self):
        data = super().clean()
        person = data.pop("signatory", None)
        if person is not None:
            if not data.get("signatory_name"):
                data["signatory_name"] = person.name
            if not data.get("signatory_position"):
                data["signatory_position"] = person.position
        return data


class WithdrawForm(Form):
    withdrawn_on = forms.DateField(label=_("A kilépés napja"), widget=DateInput())
    withdrawal_reason = forms.CharField(label=_("A kilépés oka"), max_length=255)


class SignatureForm(Form):
    signed_on = forms.DateField(label=_("Az aláírás napja"), widget=DateInput())
    signatory_name = forms.CharField(label=_("Aláíró neve"), max_length=200)
    signatory_position = forms.CharField(label=_("Aláíró beosztása"), required=False,
                                         max_length=200)
    scan = forms.FileField(
        label=_("Aláírt példány (szkennelve)"), required=False,
        validators=[policy_validator(SCANS)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scan"].help_text = SCANS.describe()

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Az aláírás napja nem lehet jövőbeli."))
        return value


class AcceptForm(Form):
    """Electronic acceptance by a party's representative: who and when are recorded."""

    signatory_position = forms.CharField(label=_("Beosztása"), required=False, max_length=200)
    confirm = forms.BooleanField(
        label=_("Szervezetem képviseletében elfogadom a megállapodás szövegét."),
        error_messages={"required": _("Az elfogadáshoz jelölje be a nyilatkozatot.")},
    )


class CommitmentForm(Form):
    party = forms.ModelChoiceField(
        label=_("Vállaló fél"), queryset=None, required=False,
        help_text=_("Üresen hagyva minden fél vállalása."),
    )
    text = forms.CharField(label=_("Vállalás"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label=_("Határidő"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Állapot"), choices=CommitmentStatus.choices)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = agreement.parties.select_related("organisation")
        self.fields["party"].empty_label = _("Minden fél")


class CommitmentNoteForm(Form):
    noted_on = forms.DateField(label=_("Dátum"), widget=DateInput())
    status = forms.ChoiceField(label=_("Állapot"), choices=CommitmentStatus.choices)
    text = forms.CharField(label=_("Megjegyzés"), widget=forms.Textarea(attrs={"rows": 3}))


class TerminateForm(Form):
    terminated_on = forms.DateField(label=_("A megszűnés napja"), widget=DateInput())
    termination_reason = forms.CharField(label=_("A megszűnés oka"), max_length=255)


class TemplateForm(Form):
    kind = forms.ChoiceField(label=_("Típus"), choices=AgreementKind.choices)
    name = forms.CharField(label=_("Név"), max_length=200)
    body = RichTextField(label=_("Szöveg"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = placeholder_help()
