"""Importing events already held from a spreadsheet (CSV/XLSX), with the shared import
machinery (core/imports/services.py): every row is checked and previewed, then all are saved as held
events with their headcount in one transaction, or none."""

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kerekasztal.core.forms import Form
from kerekasztal.core.imports.services import Column, ImportSpec
from kerekasztal.core.models import TargetGroup, Topic, User
from kerekasztal.core.text import fold
from kerekasztal.directory.forms import settlement_by_name
from kerekasztal.forums.models import Forum

from . import services
from .models import Event, EventKind

_KINDS = {fold(str(label)): value for value, label in EventKind.choices} | {
    fold(value): value for value in EventKind.values}
# the shorter names people write for the kinds
_KINDS |= {"szakmai rendezveny": EventKind.PROFESSIONAL, "muhely": EventKind.PROFESSIONAL,
           "kozossegi": EventKind.COMMUNITY, "disszeminacio": EventKind.DISSEMINATION,
           "disszeminacios": EventKind.DISSEMINATION, "forum": EventKind.DISSEMINATION,
           "erzekenyito": EventKind.SENSITIZATION, "konferencia": EventKind.CLOSING,
           "egyeb": EventKind.OTHER}
_DATE = re.compile(r"^\s*(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\s*\.?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*$")
# the "Nyilvános" column: what people write for yes and no (folded); empty is no
_PUBLIC = {"igen": True, "i": True, "x": True, "nyilvanos": True, "1": True, "true": True,
           "nem": False, "n": False, "zart": False, "0": False, "false": False, "": False}


def _names(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]", value or "") if part.strip()]


class HeldEventImportRow(Form):
    day = forms.CharField()
    starts = forms.CharField(required=False)
    ends = forms.CharField(required=False)
    title = forms.CharField(max_length=255)
    kind = forms.CharField()
    venue = forms.CharField(max_length=255)
    settlement = forms.CharField()
    topics = forms.CharField(required=False)
    target_groups = forms.CharField(required=False)
    participants_count = forms.IntegerField(min_value=0)
    audience = forms.CharField(required=False, max_length=255)
    is_public = forms.CharField(required=False)

    def __init__(self, *args, forum: Forum, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.seen = seen

    def clean_day(self) -> datetime.date:
        match = _DATE.match(self.cleaned_data["day"])
        try:
            day = datetime.date(*(int(part) for part in match.groups())) if match else None
        except ValueError:
            day = None
        if day is None:
            raise forms.ValidationError(_("Érvénytelen dátum; így írja: 2024. 03. 15. vagy "
                                          "2024-03-15."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("Csak már megtartott rendezvény importálható; ez "
                                          "a nap a jövőben van."))
        return day

    def _time(self, name: str, default: datetime.time) -> datetime.time:
        value = self.cleaned_data[name]
        if not value.strip():
            return default
        match = _TIME.match(value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise forms.ValidationError(_("Érvénytelen időpont; így írja: 14:30."))
        return datetime.time(int(match[1]), int(match[2]))

    def clean_starts(self) -> datetime.time:
        return self._time("starts", datetime.time(0, 0))

    def clean_ends(self) -> datetime.time | None:
        return self._time("ends", None) if self.cleaned_data["ends"].strip() else None

    def clean_is_public(self) -> bool:
        value = _PUBLIC.get(fold(self.cleaned_data["is_public"]))
        if value is None:
            raise forms.ValidationError(_("Írjon „igen”-t vagy „nem”-et (üresen: nem)."))
        return value

    def clean_kind(self) -> str:
        kind = _KINDS.get(fold(self.cleaned_data["kind"]))
        if kind is None:
            raise forms.ValidationError(
                _("Ismeretlen típus: „%(value)s”. Választható: %(choices)s.") % {
                    "value": self.cleaned_data["kind"],
                    "choices": ", ".join(str(label) for label in EventKind.labels)})
        return kind

    def clean_settlement(self):
        settlement = settlement_by_name(self.cleaned_data["settlement"].strip(), self.seen)
        if "territory" not in self.seen:
            self.seen["territory"] = set(self.forum.settlements().values_list("pk", flat=True))
        if self.seen["territory"] and settlement.pk not in self.seen["territory"]:
            raise forms.ValidationError(_("%s nem tartozik a fórum területéhez.")
                                        % settlement.name)
        return settlement

    def _by_name(self, field: str, model, key: str, message) -> list:
        if field not in self.seen:
            self.seen[field] = {fold(str(item)): item for item in model.objects.all()} | {
                fold(getattr(item, key)): item for item in model.objects.all()}
        found = []
        for name in _names(self.cleaned_data[field]):
            item = self.seen[field].get(fold(name))
            if item is None:
                raise forms.ValidationError(message % name)
            found.append(item)
        return found

    def clean_topics(self) -> list:
        return self._by_name("topics", Topic, "slug", _("Ismeretlen téma: „%s”."))

    def clean_target_groups(self) -> list:
        return self._by_name("target_groups", TargetGroup, "code",
                             _("Ismeretlen célcsoport: „%s”."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if {"day", "starts", "ends"} <= set(data):
            start = timezone.make_aware(datetime.datetime.combine(data["day"], data["starts"]))
            end = (timezone.make_aware(datetime.datetime.combine(data["day"], data["ends"]))
                   if data["ends"] else start)
            if end < start:
                self.add_error("ends", _("A befejezés nem lehet korábbi a kezdésnél."))
            elif start > timezone.now():
                self.add_error("starts", _("Csak már elkezdődött rendezvény importálható."))
            data["starts_at"], data["ends_at"] = start, end
        self._check_duplicate(data)
        return data

    def _check_duplicate(self, data: dict[str, Any]) -> None:
        """A row given twice (or an event recorded already) would count its people twice."""
        day, title = data.get("day"), " ".join((data.get("title") or "").split())
        if not (day and title):
            return
        key = (day, fold(title))
        if key in self.seen.setdefault("rows", set()) or Event.objects.filter(
                forum=self.forum, starts_at__date=day, title__iexact=title).exists():
            self.add_error("title", _("Ezen a napon már van ilyen című rendezvény."))
        self.seen["rows"].add(key)


def _create_held(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    for row in rows:
        services.event_record_held(
            forum=forum, user=user, kind=row["kind"], title=row["title"].strip(),
            venue=row["venue"].strip(), starts_at=row["starts_at"], ends_at=row["ends_at"],
            settlements=[row["settlement"]], topics=row["topics"],
            target_groups=row["target_groups"], participants_count=row["participants_count"],
            audience=(row.get("audience") or "").strip(),
            is_public=bool(row.get("is_public")))
    return len(rows)


HELD_EVENTS = ImportSpec(
    kind="events.held",
    label=_("Megtartott rendezvények"),
    columns=[
        Column("day", _("Dátum"), required=True, aliases=("nap", "időpont"),
               help=_("ÉÉÉÉ. HH. NN. vagy ÉÉÉÉ-HH-NN; csak múltbeli nap")),
        Column("starts", _("Kezdés"), aliases=("kezdés ideje",),
               help=_("óra:perc, nem kötelező")),
        Column("ends", _("Befejezés"), aliases=("befejezés ideje",),
               help=_("óra:perc, nem kötelező")),
        Column("title", pgettext_lazy("title", "Cím"),
               required=True, aliases=("megnevezés", "rendezvény")),
        Column("kind", _("Típus"), required=True,
               help=_("pl. Szülői klub, Képzés, Közösségi rendezvény")),
        Column("venue", _("Helyszín"), required=True),
        Column("settlement", _("Település"), required=True),
        Column("topics", _("Témák"), help=_("pontosvesszővel elválasztva")),
        Column("target_groups", _("Célcsoportok"), help=_("pontosvesszővel elválasztva")),
        Column("participants_count", _("Létszám"), required=True,
               aliases=("résztvevők", "résztvevők száma", "fő")),
        Column("audience", _("Résztvevők köre"), aliases=("kinek szól", "célközönség"),
               help=_("nem kötelező, pl. a járás települési HEP-referensei")),
        Column("is_public", _("Nyilvános"), aliases=("nyilvános oldalon",),
               help=_("igen: a nyilvános oldal korábbi rendezvényei között is megjelenik; "
                      "üresen vagy nem: csak a munkaterületen")),
    ],
    row_form=HeldEventImportRow,
    create=_create_held,
    example=[
        ["2025. 03. 12.", "16:00", "18:00", "Szülői klub – egészséges táplálkozás",
         "Szülői klub", "Művelődési ház", "Kőszeg", "Egészség", "", "14",
         "a szülők és a nagyszülők", "igen"],
    ],
)
