"""Agreements from a spreadsheet: one row per party. Rows with the same agreement title
group into one agreement (its kind, themes and dates given on each row, the same on all);
each party's organisation is matched by name as people type it (directory/matching.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kerekasztal.core.forms import Form, HungarianDateField
from kerekasztal.core.imports.services import Column, ImportSpec, RowError
from kerekasztal.core.models import Topic, User
from kerekasztal.core.text import fold
from kerekasztal.directory.matching import OrganisationMatcher
from kerekasztal.forums.models import Forum

from . import services
from .models import Agreement, AgreementKind

_KINDS = {fold(str(label)): value for value, label in AgreementKind.choices} | {
    fold(value): value for value in AgreementKind.values
} | {"alapito": "founding", "tobboldalu": "multilateral", "ketoldalu": "bilateral",
     "tematikus": "thematic"}
# Fields that describe the agreement: every row of one agreement gives the same.
AGREEMENT_COLUMNS = ("kind", "topics", "drafted_on", "valid_from", "valid_until")


class ImportRow(Form):
    """One party of one agreement."""

    title = forms.CharField(max_length=255)
    kind = forms.CharField()
    topics = forms.CharField(required=False)
    drafted_on = HungarianDateField()
    valid_from = HungarianDateField(required=False)
    valid_until = HungarianDateField(required=False)
    organisation = forms.CharField()
    signed_on = HungarianDateField(required=False)
    signatory_name = forms.CharField(required=False, max_length=200)
    signatory_position = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, forum: Forum, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum, self.seen = forum, seen

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        existing = self.seen.setdefault("existing", {fold(t) for t in Agreement.objects.filter(
            forum=self.forum).values_list("title", flat=True)})
        if fold(title) in existing:
            raise forms.ValidationError(_("Ilyen című megállapodás már szerepel a "
                                          "nyilvántartásban."))
        return title

    def clean_kind(self) -> str:
        value = _KINDS.get(fold(self.cleaned_data["kind"]))
        if value is None:
            raise forms.ValidationError(_("Ismeretlen típus. Lehetséges: %s.") % ", ".join(
                str(label) for _v, label in AgreementKind.choices))
        return value

    def clean_topics(self) -> list[Topic]:
        if "topics" not in self.seen:
            self.seen["topics"] = {fold(t.name): t for t in Topic.objects.all()}
        topics = []
        for name in self.cleaned_data["topics"].replace(",", ";").split(";"):
            if not name.strip():
                continue
            topic = self.seen["topics"].get(fold(name))
            if topic is None:
                raise forms.ValidationError(_("Ismeretlen téma: „%s”.") % name.strip())
            topics.append(topic)
        return topics

    def clean_organisation(self):
        if "matcher" not in self.seen:
            self.seen["matcher"] = OrganisationMatcher.for_forum(self.forum)
        try:
            return self.seen["matcher"].find(self.cleaned_data["organisation"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        data = super().clean()
        drafted, signed = data.get("drafted_on"), data.get("signed_on")
        if signed:
            problem = services.signature_day_problem(signed, drafted)
            if problem:
                self.add_error("signed_on", problem)
            if not (data.get("signatory_name") or "").strip():
                data["signatory_name"] = _("a szervezet képviselője")
        if drafted and drafted > services._today():
            self.add_error("drafted_on", _("A szöveg elkészültének napja nem lehet jövőbeli."))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("A hatály vége nem lehet korábbi a kezdeténél."))
        return data


def _headers() -> dict[str, str]:
    return {column.key: str(column.header) for column in AGREEMENTS.columns}


def _check_groups(rows: list[tuple[int, dict[str, Any]]],
                  failed: list[tuple[int, dict[str, Any]]]) -> list[RowError]:
    """Rows of one agreement agree on the agreement's data, name each party once, and make
    at least two parties (two at most for a bilateral one). A row that failed its own
    checks still counts as a party of the agreement its title names: its own error is the
    one to fix, and its partner row is not blamed for the party it seems to lack."""
    headers = _headers()
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, row in rows:
        groups.setdefault(fold(row["title"]), []).append((number, row))
    failed_of: dict[str, list[int]] = {}
    for number, raw in failed:
        title = " ".join(str(raw.get("title") or "").split())
        if title:
            failed_of.setdefault(fold(title), []).append(number)
    errors = []
    for key, group in groups.items():
        first_number, first = group[0]
        parties: set[int] = set()
        for number, row in group:
            for column in AGREEMENT_COLUMNS:
                if row[column] != first[column]:
                    errors.append(RowError(number, headers[column], _(
                        "Eltér a megállapodás %(row)s. sorától; egy megállapodás minden "
                        "sorában ugyanaz legyen.") % {"row": first_number}))
            if row["organisation"].pk in parties:
                errors.append(RowError(number, headers["organisation"], _(
                    "%(name)s már szerepel ennek a megállapodásnak a felei között.")
                    % {"name": row["organisation"].name}))
            parties.add(row["organisation"].pk)
        count = len(parties) + len(failed_of.get(key, []))
        if count < 2:
            errors.append(RowError(first_number, headers["title"], _(
                "Egy megállapodásnak legalább két fele van: vegye fel a többi fél sorát is.")))
        if first["kind"] == AgreementKind.BILATERAL and count > 2:
            errors.append(RowError(first_number, headers["kind"], _(
                "Kétoldalú megállapodásnak két fele van.")))
    return errors


def _create(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(fold(row["title"]), []).append(row)
    for group in groups.values():
        first = group[0]
        services.agreement_create(
            forum=forum, user=user, title=first["title"], kind=first["kind"],
            purpose=first["title"], topics=first["topics"], drafted_on=first["drafted_on"],
            valid_from=first["valid_from"], valid_until=first["valid_until"],
            place=forum.root.district.seat if forum.root.district else "",
            parties=[services.PartyEntry(
                organisation=row["organisation"], signed_on=row["signed_on"],
                signatory_name=row["signatory_name"] or "",
                signatory_position=row["signatory_position"] or "") for row in group],
        )
    return len(rows)


AGREEMENTS = ImportSpec(
    kind="agreements.agreements",
    label=_lazy("Együttműködési megállapodások"),
    columns=[
        Column("title", _lazy("A megállapodás címe"), required=True,
               aliases=("cím", "megállapodás", "azonosító"),
               help=_lazy("az azonos című sorok egy megállapodás felei")),
        Column("kind", _lazy("Típus"), required=True,
               help=_lazy("alapító, többoldalú, kétoldalú vagy tematikus")),
        Column("topics", _lazy("Témák"), help=_lazy("pontosvesszővel elválasztva")),
        Column("drafted_on", _lazy("A szöveg elkészült"), required=True,
               aliases=("szöveg elkészült", "tervezet napja")),
        Column("valid_from", _lazy("Hatály kezdete")),
        Column("valid_until", _lazy("Hatály vége")),
        Column("organisation", _lazy("Aláíró szervezet"), required=True,
               aliases=("szervezet", "fél")),
        Column("signed_on", _lazy("Aláírás napja"), aliases=("aláírva",),
               help=_lazy("üresen hagyva a fél még nem írta alá")),
        Column("signatory_name", _lazy("Aláíró neve"), aliases=("aláíró",)),
        Column("signatory_position", _lazy("Aláíró beosztása"), aliases=("beosztás",)),
    ],
    row_form=ImportRow,
    create=_create,
    check_rows=_check_groups,
    example=[
        ["Együttműködési megállapodás a szülői klubokról", "Többoldalú együttműködési "
         "megállapodás", "Család és szülői klubok", "2020-03-02", "", "", "Kőszeg Város "
         "Önkormányzata", "2020-03-16", "Minta Mária", "polgármester"],
        ["Együttműködési megállapodás a szülői klubokról", "Többoldalú együttműködési "
         "megállapodás", "Család és szülői klubok", "2020-03-02", "", "", "Bozsok Község "
         "Önkormányzata", "2020-03-18", "Példa Péter", "polgármester"],
    ],
)

SPECS = {"agreements": AGREEMENTS}
