from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kerekasztal.core import hungarian
from kerekasztal.core.forms import DateInput, DateTimeInput, DecimalCommaField, Form, ModelForm
from kerekasztal.core.models import TargetGroup, Topic
from kerekasztal.core.privacy.services import registration_retention_period
from kerekasztal.core.records.uploads import IMAGES, SCANS
from kerekasztal.directory.models import Organisation
from kerekasztal.territory.models import Settlement

from .models import STATUS_LABELS, UNDER_WAY, AgeBand, Event, EventKind, EventStatus
from .queries import event_settlements

EVENT_FORM_FIELDS = [
    "kind", "title", "description", "starts_at", "ends_at", "venue", "address", "settlements",
    "topics", "target_groups", "audience", "organiser", "partners", "is_public",
    "registration_open",
    "capacity", "registration_deadline", "registration_email_required", "hours", "trainer",
    "curriculum",
]


class EventForm(ModelForm):
    class Meta:
        model = Event
        fields = EVENT_FORM_FIELDS
        field_classes = {"hours": DecimalCommaField}  # "2,5" óra, as trainings are written
        widgets = {
            "starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
            "curriculum": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple, "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "settlements": _("Egy vagy több település (Ctrl/Cmd + kattintás)."),
            "hours": _("Csak képzésnél: óraszám, képző, tematika."),
        }

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        organisations = Organisation.objects.filter(forum=forum.root, archived_at__isnull=True)
        self.fields["organiser"].queryset = organisations
        self.fields["organiser"].empty_label = _("– válasszon –")
        self.fields["partners"].queryset = organisations
        self.fields["partners"].widget.attrs["size"] = 6
        self.fields["settlements"].queryset = event_settlements(forum)
        self.fields["settlements"].widget.attrs["size"] = 8
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("order")


HELD_FORM_FIELDS = [
    "kind", "title", "description", "starts_at", "ends_at", "venue", "address", "settlements",
    "topics", "target_groups", "audience", "organiser", "partners", "is_public", "hours",
    "trainer", "curriculum",
]


def _people(text: str) -> list[tuple[str, str]]:
    """Lines "Név, e-mail-cím" (or "Név; e-mail-cím", "Név <e-mail-cím>") → pairs."""
    from django.core.validators import validate_email

    people = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        for separator in ("<", ";", ","):
            if separator in line:
                name, _sep, email = line.rpartition(separator)
                break
        else:
            name, email = line, ""
        name, email = name.strip(), email.strip().rstrip(">").strip()
        try:
            validate_email(email)
        except forms.ValidationError as exc:
            raise forms.ValidationError(
                _("%(number)s. sor („%(line)s”): adja meg a nevet és az e-mail-címet, "
                  "vesszővel elválasztva.")
                % {"number": hungarian.with_article(number, capital=True), "line": line}) from exc
        if not name:
            raise forms.ValidationError(_("%(number)s. sorból hiányzik a név.")
                                        % {"number": hungarian.with_article(number, capital=True)})
        people.append((name, email))
    return people


class HeldEventForm(EventForm):
    """An event that has already taken place, with its attendance, in one form."""

    participants_count = forms.IntegerField(
        label=_("Résztvevők száma (fő)"), min_value=0, required=False,
        help_text=_("A jelenléti ív szerinti létszám. Ha alább név szerint is megadja a "
                    "résztvevőket, üresen hagyva a nevek száma számít."))
    people = forms.CharField(
        label=_("Résztvevők név szerint (nem kötelező)"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Soronként egy résztvevő: név, vessző, e-mail-cím (pl. Kiss Anna, "
                    "anna@example.hu) – az aláírt jelenléti ív alapján, akik hozzájárultak "
                    "adataik kezeléséhez. E-mail-cím nélküli neveket és szervezeteket "
                    "mentés után a rendezvény oldalán, a „Nevek a jelenléti ívről” alatt "
                    "rögzíthet."))

    by_organisation = forms.CharField(
        label=_("Létszám szervezetenként (nem kötelező)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Soronként egy szervezet a címtárból és a létszáma, kettősponttal "
                    "elválasztva (pl. Bozsok Község Önkormányzata: 12). Ha a résztvevők "
                    "számát üresen hagyja, ezek összege számít."))

    class Meta(EventForm.Meta):
        fields = HELD_FORM_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _("A múltbeli időpont is rögzíthető.")

    def clean_people(self):
        return _people(self.cleaned_data["people"])

    def clean_by_organisation(self) -> dict:
        """Lines "Szervezet neve: létszám" → {organisation: count}, the names matched in
        the forum's directory without regard to case and accents."""
        from kerekasztal.core.text import fold

        directory = {fold(o.name): o for o in Organisation.objects.filter(
            forum=self.instance.forum.root)}
        counts: dict = {}
        for number, line in enumerate(self.cleaned_data["by_organisation"].splitlines(), 1):
            if not line.strip():
                continue
            name, _sep, count = line.rpartition(":")
            count = count.strip()
            if not name.strip() or not count.isdigit():
                raise forms.ValidationError(
                    _("%(number)s. sor („%(line)s”): adja meg a szervezet nevét és a "
                      "létszámot (nem negatív egész szám), kettősponttal elválasztva.")
                    % {"number": hungarian.with_article(number, capital=True),
                       "line": line.strip()})
            organisation = directory.get(fold(name))
            if organisation is None:
                raise forms.ValidationError(
                    _("Nincs ilyen nevű szervezet a címtárban: „%s”.") % name.strip())
            counts[organisation] = counts.get(organisation, 0) + int(count)
        return counts


class SeriesForm(EventForm):
    every = forms.ChoiceField(label=_("Ismétlődés"), choices=[
        ("weekly", _("hetente")), ("biweekly", _("kéthetente")), ("monthly", _("havonta")),
    ], initial="biweekly")
    count = forms.IntegerField(label=_("Alkalmak száma"), min_value=2, max_value=52, initial=8)

    field_order = ["every", "count"]


class CancelForm(Form):
    reason = forms.CharField(label=_("Az elmaradás oka"), max_length=255, required=False)


class EventFilterForm(Form):
    q = forms.CharField(label=_("Keresés címre, helyszínre"), required=False)
    kind = forms.ChoiceField(label=_("Típus"), required=False,
                             choices=[("", _("Mind"))] + EventKind.choices)
    status = forms.ChoiceField(label=_("Állapot"), required=False, choices=[("", _("Mind"))] + [
        (value, STATUS_LABELS[value]) for value in (
            EventStatus.PLANNED, EventStatus.PUBLISHED, UNDER_WAY, EventStatus.HELD,
            EventStatus.CANCELLED)])
    start = forms.DateField(label=_("Ettől a naptól"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Eddig a napig"), required=False, widget=DateInput())


class PublicFilterForm(Form):
    kind = forms.ChoiceField(label=_("Típus"), required=False,
                             choices=[("", _("Mind"))] + EventKind.choices)
    topic = forms.ModelChoiceField(label=_("Téma"), required=False, queryset=Topic.objects.all(),
                                   empty_label=_("Mind"), to_field_name="slug")
    target_group = forms.ModelChoiceField(
        label=_("Célcsoport"), required=False, queryset=TargetGroup.objects.all(),
        empty_label=_("Mind"), to_field_name="code")
    settlement = forms.ModelChoiceField(label=_("Település"), required=False,
                                        queryset=Settlement.objects.none(), empty_label=_("Mind"))

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        # A forum without a territory of settlements (a national forum) offers the
        # places of its own events, not the country's 3,155 settlements.
        settlements = forum.settlements()
        if not settlements.exists():
            settlements = Settlement.objects.filter(events__forum=forum).distinct()
        self.fields["settlement"].queryset = settlements.order_by("name")


class RegistrationForm(Form):
    name = forms.CharField(label=_("Név"), max_length=200)
    email = forms.EmailField(label=_("E-mail-cím"),
                             help_text=_("Ide küldjük a visszaigazolást és a lemondó linket."))
    settlement = forms.ModelChoiceField(label=_("Település (nem kötelező)"), required=False,
                                        queryset=Settlement.objects.none(),
                                        empty_label=_("– nem adom meg –"))
    consent = forms.BooleanField(
        label=_("Hozzájárulok, hogy a szervező a nevemet, e-mail-címemet és településemet a "
                "rendezvény szervezése és a részvétel igazolása céljából kezelje."),
        error_messages={"required": _("A jelentkezéshez hozzá kell járulnia az "
                                      "adatkezeléshez.")},
    )

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = event_settlements(forum)
        self.fields["consent"].help_text = _(
            "Nevét és e-mail-címét a rendezvény után %(period)s őrizzük, utána töröljük; a "
            "részvétel összesített adatai megmaradnak.") % {
            "period": registration_retention_period()}
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class AttendanceForm(Form):
    participants_count = forms.IntegerField(label=_("Résztvevők száma"), min_value=0,
                                            required=False)
    sheet = forms.FileField(label=_("Aláírt jelenléti ív (szkennelve)"), required=False,
                            help_text=lazy(SCANS.describe, str)())

    def __init__(self, *args, event, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        existing = {c.age_band: c.count for c in event.attendance_counts.all() if c.age_band}
        for value, label in AgeBand.choices:
            self.fields[f"age_{value}"] = forms.IntegerField(
                label=label, min_value=0, required=False, initial=existing.get(value))
        by_settlement = {c.settlement_id: c.count for c in event.attendance_counts.all()
                         if c.settlement_id}
        self.settlements = list(event.settlements.all())
        for settlement in self.settlements:
            self.fields[f"settlement_{settlement.pk}"] = forms.IntegerField(
                label=settlement.name, min_value=0, required=False,
                initial=by_settlement.get(settlement.pk))
        self.registrations = registrations
        choices = [(r.pk, r.name) for r in registrations]
        self.fields["attended"] = forms.TypedMultipleChoiceField(
            label=_("Jelen volt"), choices=choices, coerce=int, required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=[r.pk for r in registrations if r.attended])
        if event.is_training:
            self.fields["completed"] = forms.TypedMultipleChoiceField(
                label=_("Elvégezte a képzést (tanúsítványt kap)"), choices=choices, coerce=int,
                required=False, widget=forms.CheckboxSelectMultiple,
                initial=[r.pk for r in registrations if r.completed])
        self.fields["participants_count"].initial = event.participants_count

    def organisation_counts(self) -> dict:
        """The breakdown by organisation is kept as it was (it is given when recording a
        past event or through the API)."""
        return {c.organisation: c.count for c in self.event.attendance_counts.all()
                if c.organisation_id}

    def age_fields(self):
        return [self[f"age_{value}"] for value, _label in AgeBand.choices]

    def settlement_fields(self):
        return [self[f"settlement_{s.pk}"] for s in self.settlements]

    def breakdowns(self):
        data = self.cleaned_data
        by_age = {value: data.get(f"age_{value}") or 0 for value, _label in AgeBand.choices}
        by_settlement = {s: data.get(f"settlement_{s.pk}") or 0 for s in self.settlements}
        return by_age, by_settlement


class ReportForm(Form):
    summary = forms.CharField(label=_("Összefoglaló"), widget=forms.Textarea(attrs={"rows": 5}))
    outcomes = forms.CharField(label=_("Eredmények"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    problems_raised = forms.CharField(
        label=_("Felvetett problémák"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Soronként egy probléma. Az esélyegyenlőségi terv problémáihoz később "
                    "kapcsolhatók."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return single(None, initial)
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class PhotoUploadForm(Form):
    images = MultipleFileField(label=_("Fényképek"), help_text=lazy(IMAGES.describe, str)())
    alt_text = forms.CharField(label=_("Szöveges leírás (alt)"), max_length=300,
                               help_text=_("Mit ábrázol a kép: a képernyőolvasót használók "
                                           "ezt hallják. Több kép esetén mindegyikre ez "
                                           "kerül; utána képenként módosítható."))
    caption = forms.CharField(label=_("Képaláírás"), max_length=300, required=False)
    consent = forms.BooleanField(
        label=_("A képen szereplők hozzájárultak a közzétételhez"), required=False,
        help_text=_("Hozzájárulás nélkül a kép sosem nyilvános."))


class PhotoEditForm(Form):
    alt_text = forms.CharField(label=_("Szöveges leírás (alt)"), max_length=300)
    caption = forms.CharField(label=_("Képaláírás"), max_length=300, required=False)
    consent = forms.BooleanField(label=_("A képen szereplők hozzájárultak a közzétételhez"),
                                 required=False)


class VerifyForm(Form):
    code = forms.CharField(label=_("Ellenőrző kód"), max_length=20,
                           help_text=_("A tanúsítványon szereplő 10 jegyű kód."))


class SelfRegistrationForm(RegistrationForm):
    """A member registers themself from the workspace: the name and e-mail address are their
    account's."""

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["name"]
        del self.fields["email"]
        if organisations is not None and len(organisations) > 1:
            # one who represents several organisations says on whose behalf they come
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Szervezet, amelynek képviseletében részt vesz"), empty_label=None,
                queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]))
            self.order_fields(["organisation"])


class OrganiserRegistrationForm(RegistrationForm):
    """A person who applied by phone or in person, added by the organiser: an e-mail address
    only where the event requires one, an optional phone number and organisation."""

    phone = forms.CharField(label=_("Telefonszám (nem kötelező)"), max_length=40,
                            required=False)
    organisation = forms.ModelChoiceField(
        label=_("Szervezet (nem kötelező)"), required=False,
        queryset=Organisation.objects.none(), empty_label=_("– nem adom meg –"))

    field_order = ["name", "email", "phone", "organisation", "settlement", "consent"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            forum=event.forum.root, archived_at__isnull=True)
        if not event.registration_email_required:
            self.fields["email"].required = False
            self.fields["email"].label = _("E-mail-cím (nem kötelező)")
            self.fields["email"].help_text = _(
                "Ha megadja, ide küldjük a visszaigazolást és a lemondó linket.")
        self.fields["consent"].label = _(
            "A jelentkező hozzájárult, hogy adatait a rendezvény szervezése és a részvétel "
            "igazolása céljából kezeljük.")
        self.fields["consent"].error_messages["required"] = _(
            "Csak az adatkezeléshez hozzájáruló jelentkezőt lehet felvenni.")
        self.fields["consent"].help_text = _(
            "A jelentkező nevét és e-mail-címét a rendezvény után %(period)s őrizzük, utána "
            "töröljük.") % {"period": registration_retention_period()}


class ColleagueRegistrationForm(Form):
    """A member organisation's representative registers a colleague of their organisation."""

    organisation = forms.ModelChoiceField(label=_("Szervezet"), empty_label=None,
                                          queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Név"), max_length=200)
    email = forms.EmailField(label=_("E-mail-cím"), required=False,
                             help_text=_("Ide küldjük a visszaigazolást és a lemondó linket."))
    phone = forms.CharField(label=_("Telefonszám (nem kötelező)"), max_length=40,
                            required=False)
    consent = forms.BooleanField(
        label=_("A munkatárs hozzájárult, hogy adatait a rendezvény szervezése és a "
                "részvétel igazolása céljából kezeljék."),
        error_messages={"required": _("Csak az adatkezeléshez hozzájáruló munkatársat lehet "
                                      "jelentkeztetni.")},
    )

    def __init__(self, *args, organisations, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if event.registration_email_required:
            self.fields["email"].required = True
        else:
            self.fields["email"].label = _("E-mail-cím (nem kötelező)")
            self.fields["email"].help_text = _(
                "Ha megadja, ide küldjük a visszaigazolást és a lemondó linket.")
        self.fields["phone"].widget.attrs["autocomplete"] = "off"
        self.fields["consent"].help_text = _(
            "Nevét, e-mail-címét és telefonszámát a rendezvény után %(period)s őrizzük, utána "
            "töröljük.") % {"period": registration_retention_period()}


def _sheet_lines(text: str) -> list:
    """Lines "Név; Szervezet" (or columns pasted from a spreadsheet, separated by tabs) →
    SheetPerson; an optional part that is an e-mail address is taken as one."""
    from django.core.validators import validate_email

    from .services import SheetPerson

    people = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = [part.strip() for part in line.replace("\t", ";").split(";")]
        parts = [part for part in parts if part]
        if not parts:
            continue
        name, email, organisation = parts[0], "", []
        for part in parts[1:]:
            try:
                validate_email(part)
            except forms.ValidationError:
                organisation.append(part)
            else:
                email = part
        if "@" in name or len(organisation) > 1:
            raise forms.ValidationError(
                _("%(number)s. sor („%(line)s”): soronként egy név és a szervezete, "
                  "pontosvesszővel elválasztva (pl. Kovács Árpádné; Bozsok Község "
                  "Önkormányzata).")
                % {"number": hungarian.with_article(number, capital=True), "line": line.strip()})
        people.append(SheetPerson(name, email, "; ".join(organisation)))
    return people


class AttendanceNamesForm(Form):
    """The names on a past event's signed attendance sheet."""

    people = forms.CharField(
        label=_("Résztvevők a jelenléti ívről"), widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Adjon meg legalább egy nevet.")},
        help_text=_("Soronként egy résztvevő: név, pontosvessző, szervezet (pl. Kovács Árpádné; "
                    "Bozsok Község Önkormányzata). A szervezet elhagyható; táblázatból "
                    "bemásolt két oszlop is jó. Aki online jelentkezett, nem kerül be kétszer."))
    participants_count = forms.IntegerField(
        label=_("Résztvevők száma (fő, nem kötelező)"), min_value=0, required=False,
        help_text=_("Üresen hagyva a korábban rögzített létszám marad, de legalább a név "
                    "szerint rögzített résztvevők száma."))
    sheet = forms.FileField(label=_("Aláírt jelenléti ív (szkennelve, nem kötelező)"),
                            required=False, help_text=lazy(SCANS.describe, str)())

    def clean_people(self):
        people = _sheet_lines(self.cleaned_data["people"])
        if not people:
            raise forms.ValidationError(_("Adjon meg legalább egy nevet."))
        return people
