"""Importing sessions already held from a spreadsheet (a coordinator who starts using the
platform mid-project): one row per session with its date, place, title, kind and headcount,
and optionally numbered headcounts per organisation (`Szervezet 1`, `Létszám 1`, ...).

Every row is checked in the preview (an unknown organisation is an error of its row, never a
new record); applying writes all rows or none, each through `meeting_record_held`."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kerekasztal.core.forms import Form, HungarianDateField
from kerekasztal.core.imports.services import Column, ImportSpec
from kerekasztal.core.models import User
from kerekasztal.core.text import fold
from kerekasztal.directory.forms import settlement_by_name
from kerekasztal.directory.models import Organisation
from kerekasztal.forums.models import Forum

from . import services
from .models import Meeting, Visibility

ORGANISATION_COLUMNS = 10
KINDS = {fold("zárt"): Visibility.CLOSED, fold("nyilvános"): Visibility.PUBLIC}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class HeldMeetingImportRow(Form):
    date = HungarianDateField()
    place = forms.CharField()
    title = forms.CharField(max_length=255)
    kind = forms.CharField(required=False)
    headcount = forms.IntegerField(min_value=1, error_messages={"min_value": gettext_lazy(
        "Egy megtartott ülésen legalább egy jelenlévő volt: adja meg a jelenlévők számát "
        "a jelenléti ív szerint.")})

    def __init__(self, *args, forum: Forum, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum, self.seen = forum, seen
        for n in range(1, ORGANISATION_COLUMNS + 1):
            self.fields[f"organisation_{n}"] = forms.CharField(required=False)
            self.fields[f"count_{n}"] = forms.IntegerField(required=False, min_value=0)

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day >= timezone.localdate():
            raise forms.ValidationError(_("Csak a mai napnál korábbi, megtartott ülés "
                                          "importálható."))
        return day

    def clean_place(self):
        settlement = settlement_by_name(self.cleaned_data["place"].strip(), self.seen)
        if "territory" not in self.seen:
            self.seen["territory"] = set(self.forum.settlements().values_list("pk", flat=True))
        if settlement.pk not in self.seen["territory"]:
            raise forms.ValidationError(_("„%s” nem tartozik a fórum területéhez.")
                                        % settlement.name)
        return settlement

    def clean_kind(self):
        kind = self.cleaned_data["kind"].strip()
        if not kind:
            return Visibility.CLOSED
        if fold(kind) not in KINDS:
            raise forms.ValidationError(_("A fajta „zárt” vagy „nyilvános” lehet."))
        return KINDS[fold(kind)]

    def _organisation(self, name: str) -> Organisation:
        if "organisations" not in self.seen:
            self.seen["organisations"] = {
                fold(o.name): o for o in Organisation.objects.filter(forum=self.forum.root)}
        organisation = self.seen["organisations"].get(fold(name))
        if organisation is None:
            raise forms.ValidationError(_("Nincs ilyen nevű szervezet a fórum címtárában: "
                                          "„%s”.") % name)
        return organisation

    def clean(self):
        data = super().clean()
        headcounts: dict[Organisation, int] = {}
        for n in range(1, ORGANISATION_COLUMNS + 1):
            name = (data.get(f"organisation_{n}") or "").strip()
            count = data.get(f"count_{n}")
            if not name and count is None:
                continue
            if not name:
                self.add_error(f"organisation_{n}", _("Adja meg a szervezet nevét."))
                continue
            try:
                organisation = self._organisation(name)
            except forms.ValidationError as exc:
                self.add_error(f"organisation_{n}", exc)
                continue
            if count is None:
                self.add_error(f"count_{n}", _("Adja meg a szervezet létszámát."))
                continue
            headcounts[organisation] = headcounts.get(organisation, 0) + count
        total = data.get("headcount")
        if total is not None and sum(headcounts.values()) > total:
            self.add_error("headcount", _("A létszám kevesebb a szervezetenkénti létszámok "
                                          "összegénél."))
        day, title = data.get("date"), (data.get("title") or "").strip()
        if day and title:
            key = (day, fold(title))
            if key in self.seen.setdefault("rows", set()) or Meeting.objects.filter(
                    forum=self.forum, starts_at__date=day, title__iexact=title).exists():
                self.add_error("title", _("Ezen a napon már van ilyen című ülés."))
            self.seen["rows"].add(key)
        data["headcounts"] = headcounts
        return data


def _create(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    for row in sorted(rows, key=lambda r: r["date"]):
        services.meeting_record_held(
            forum=forum, user=user, title=row["title"].strip(),
            starts_at=_at(row["date"], 10), ends_at=_at(row["date"], 12),
            venue_settlement=row["place"], visibility=row["kind"],
            headcounts=row["headcounts"], headcount_total=row["headcount"])
    return len(rows)


def _organisation_columns() -> list[Column]:
    columns = []
    for n in range(1, ORGANISATION_COLUMNS + 1):
        columns.append(Column(f"organisation_{n}", format_lazy("{} {}", gettext_lazy(
            "Szervezet"), n), help=gettext_lazy("a címtárban szereplő név")))
        columns.append(Column(f"count_{n}", format_lazy("{} {}", gettext_lazy("Létszám"), n)))
    return columns


HELD_MEETINGS = ImportSpec(
    kind="meetings.held",
    label=gettext_lazy("Megtartott ülések"),
    columns=[
        Column("date", gettext_lazy("Dátum"), required=True, aliases=("nap",),
               help=gettext_lazy("ÉÉÉÉ-HH-NN")),
        Column("place", gettext_lazy("Helyszín"), required=True,
               aliases=("település",), help=gettext_lazy("a település neve")),
        Column("title", pgettext_lazy("title", "Cím"), required=True, aliases=("az ülés címe",)),
        Column("kind", gettext_lazy("Fajta"), aliases=("láthatóság",),
               help=gettext_lazy("zárt vagy nyilvános; üresen zárt")),
        Column("headcount", gettext_lazy("Létszám"), required=True,
               aliases=("összlétszám", "jelenlévők"),
               help=gettext_lazy("a jelenlévők száma vendégek nélkül")),
        *_organisation_columns(),
    ],
    row_form=HeldMeetingImportRow,
    create=_create,
    example=[["2015-07-08", "Bük", "Egyeztetés a nyári gyermekétkeztetésről", "zárt", "14",
              "Bük Város Önkormányzata", "2", "Kőszeg Város Önkormányzata", "3",
              *[""] * (2 * ORGANISATION_COLUMNS - 4)]],
)
