from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import DateInput, DateTimeInput, Form, ModelForm, RecordByNameField
from kerekasztal.core.records.uploads import DOCUMENTS, SCANS, policy_validator
from kerekasztal.directory.models import Organisation, Person

from .models import (
    AgendaItem,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    MinutesKind,
    QuorumKind,
    Rsvp,
)


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["number", "title", "starts_at", "ends_at", "venue_settlement",
                  "venue_address", "online_url", "visibility", "description"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "description": forms.Textarea(attrs={"rows": 4})}
        labels = {"title": _("Az ülés címe")}

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        self.fields["number"].required = False
        self.fields["venue_settlement"].queryset = forum.settlements().order_by("name")
        self.fields["visibility"].help_text = _(
            "A nyilvános ülés címe, időpontja és helyszíne megjelenik a fórum nyilvános "
            "oldalán; a napirend mellékletei, a jelenlét, az emlékeztető és a határozatok "
            "akkor is zártak.")

    def validate_unique(self):
        if self.cleaned_data.get("number"):
            super().validate_unique()


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter_person", "presenter_organisation", "duration_minutes"]

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        root = forum.root
        # Typed names, not lists: a forum's directory has thousands of people.
        people = Person.objects.filter(forum=root, archived_at__isnull=True).order_by("name")
        organisations = Organisation.objects.filter(
            forum=root, archived_at__isnull=True).order_by("name")
        for name, queryset, help_text in (
                ("presenter_person", people,
                 _("A címtárban szereplő név (elég egy egyértelmű részlete).")),
                ("presenter_organisation", organisations,
                 _("A címtárban szereplő szervezet neve (elég egy egyértelmű részlete)."))):
            old = self.fields[name]
            self.fields[name] = RecordByNameField(queryset, label=old.label, required=False,
                                                  help_text=help_text)


class AttachmentForm(Form):
    name = forms.CharField(label=_("Melléklet megnevezése"), max_length=255, required=False)
    file = forms.FileField(label=_("Fájl"), help_text=DOCUMENTS.describe(),
                           validators=[policy_validator(DOCUMENTS)])


class ExtraInviteeForm(Form):
    name = forms.CharField(label=_("Név"), max_length=200)
    email = forms.EmailField(label=_("E-mail-cím"))
    organisation = RecordByNameField(Organisation.objects.none(), label=_("Szervezet"),
                                     required=False,
                                     help_text=_("A név egy része is elég, ha egyértelmű."))

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True).order_by("name")


class RsvpForm(Form):
    answer = forms.ChoiceField(label=_("Részt vesz az ülésen?"), widget=forms.RadioSelect,
                               choices=[(Rsvp.YES, _("Igen, részt veszek")),
                                        (Rsvp.NO, _("Nem tudok részt venni")),
                                        (Rsvp.MAYBE, _("Még nem tudom"))],
                               error_messages={"required": _(
                                   "Válassza ki, részt vesz-e az ülésen.")})
    substitute = forms.ModelChoiceField(
        label=_("Helyettesem (ha nem tudok jönni)"), required=False,
        queryset=Person.objects.none(),
        help_text=_("Szervezetének egy munkatársa, aki Ön helyett részt vesz."))
    substitute_name = forms.CharField(
        label=_("Helyettesem neve"), max_length=200, required=False,
        help_text=_("Ha a helyettes nincs a listában (vagy nincs lista), írja be a nevét."))
    substitute_email = forms.EmailField(
        label=_("Helyettesem e-mail-címe"), required=False,
        help_text=_("Nem kötelező; a koordinátor ezen éri el a helyettest."))

    def __init__(self, *args, substitutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = substitutes
        if not substitutes.exists():
            del self.fields["substitute"]
            self.fields["substitute_name"].help_text = _(
                "Ha nem tud jönni, megnevezheti, ki vesz részt Ön helyett.")


class CancelForm(Form):
    reason = forms.CharField(label=_("Az elmaradás oka"), max_length=255)


class AttendanceForm(Form):
    """One checkbox per person on the sheet (value `person:organisation`, `inv:<invitation>`
    for an extra invitee outside the directory, `sub:<invitation>` for a substitute named on
    the RSVP page), the number of guests and the signed sheet."""

    present = forms.MultipleChoiceField(label=_("Jelen voltak"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    guests = forms.IntegerField(label=_("Vendégek száma"), min_value=0, initial=0)
    scan = forms.FileField(label=_("Aláírt jelenléti ív (szkennelt)"), required=False,
                           help_text=SCANS.describe(), validators=[policy_validator(SCANS)])

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = choices


class HeldMeetingForm(MeetingForm):
    """A session already held, in one form: its data, and its attendance as named people or
    — when the sheet was on paper — a headcount per organisation and/or in total."""

    present = forms.MultipleChoiceField(
        label=_("Jelen voltak (névvel)"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Ha a jelenléti ív alapján tudja, kik voltak jelen."))
    headcount_total = forms.IntegerField(
        label=_("Összlétszám (fő)"), min_value=0, required=False,
        help_text=_("Ha a papíron vezetett ív alapján csak a létszámot rögzíti: az összes "
                    "jelenlévő száma a vendégek nélkül (a szervezetenkénti létszámokkal "
                    "együtt)."))
    guests = forms.IntegerField(label=_("Vendégek száma"), min_value=0, initial=0)
    scan = forms.FileField(label=_("Aláírt jelenléti ív (szkennelt)"), required=False,
                           help_text=SCANS.describe(), validators=[policy_validator(SCANS)])

    class Meta(MeetingForm.Meta):
        labels = {**MeetingForm.Meta.labels, "starts_at": _("Az ülés kezdete"),
                  "ends_at": _("Az ülés vége")}

    def __init__(self, *args, forum, people, organisations, **kwargs):
        super().__init__(*args, forum=forum, **kwargs)
        self.fields["present"].choices = people
        self.organisation_fields = []
        for organisation in organisations:
            name = f"headcount_{organisation.pk}"
            self.fields[name] = forms.IntegerField(
                label=_("%(organisation)s: létszám (fő)") % {"organisation": organisation.name},
                min_value=0, required=False)
            self.organisation_fields.append((name, organisation))
        order = [*MeetingForm.Meta.fields, "present", "headcount_total",
                 *(name for name, _org in self.organisation_fields), "guests", "scan"]
        self.order_fields(order)

    def headcounts(self) -> dict:
        return {org: self.cleaned_data.get(name) or 0
                for name, org in self.organisation_fields}


class MinutesForm(Form):
    kind = forms.ChoiceField(label=_("Fajta"), choices=MinutesKind.choices)
    recorder = forms.CharField(label=_("Jegyzőkönyvvezető"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Az emlékeztető szövege"), required=False, max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("A bekezdéseket üres sor választja el; a sortörések megmaradnak."))


class MinutesSendForm(Form):
    comments_until = forms.DateField(label=_("Véleményezési határidő"), required=False,
                                     widget=DateInput())


class MinutesCommentForm(Form):
    text = forms.CharField(label=_("Észrevétel az emlékeztetőhöz"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))


class MinutesApproveForm(Form):
    approved_on = forms.DateField(label=_("Elfogadás napja"), widget=DateInput(),
                                  initial=timezone.localdate)
    before_deadline_confirmed = forms.BooleanField(
        label=_("Tudomásul veszem, hogy a véleményezési határidő még nem járt le"),
        required=False)

    def __init__(self, *args, deadline_open: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not deadline_open:
            self.fields["before_deadline_confirmed"].widget = forms.HiddenInput()


class DecisionForm(ModelForm):
    class Meta:
        model = Decision
        fields = ["number", "text", "votes_for", "votes_against", "votes_abstain",
                  "responsible_organisation", "deadline"]
        widgets = {"deadline": DateInput(), "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Üresen hagyva az év következő sorszáma.")
        self.fields["responsible_organisation"].queryset = Organisation.objects.filter(
            forum=forum.root, archived_at__isnull=True).order_by("name")

    def validate_unique(self):
        pass  # the service numbers and checks


class FollowUpForm(Form):
    day = forms.DateField(label=_("Dátum"), widget=DateInput(), initial=timezone.localdate)
    status = forms.ChoiceField(label=_("Állapot"), choices=DecisionStatus.choices)
    text = forms.CharField(label=_("Megjegyzés"), widget=forms.Textarea(attrs={"rows": 3}))


class QuorumForm(Form):
    kind = forms.ChoiceField(label=_("Határozatképesség szabálya"), choices=QuorumKind.choices)
    minimum = forms.IntegerField(label=_("Legalább ennyi szervezet"), min_value=1,
                                 required=False,
                                 help_text=_("Csak a „megadott számú” szabálynál."))


def _years():
    return [("", _("Minden év"))] + [(y, y) for y in range(timezone.localdate().year + 1,
                                                          2009, -1)]


class MeetingFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Év"), required=False, coerce=int, empty_value=None,
                                  choices=_years)
    status = forms.ChoiceField(label=_("Állapot"), required=False,
                               choices=[("", _("Mind"))] + MeetingStatus.choices)


class DecisionFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Év"), required=False, coerce=int, empty_value=None,
                                  choices=_years)
    status = forms.ChoiceField(label=_("Végrehajtás állapota"), required=False,
                               choices=[("", _("Mind"))] + DecisionStatus.choices)
    # typed, not a <select>: a forum has a thousand organisations at ten times the data
    organisation = RecordByNameField(Organisation.objects.none(), label=_("Felelős szervezet"),
                                     required=False,
                                     help_text=_("A név egy része is elég; üresen hagyva mind."))
    overdue = forms.BooleanField(label=_("Csak a lejárt határidejű nyitottak"), required=False)

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=forum.root).order_by("name")
