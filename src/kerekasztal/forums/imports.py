"""Memberships from a spreadsheet: organisation (matched by name as people type it, see
directory/matching.py), role, accession day and, for a former member, the last day."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kerekasztal.core import hungarian
from kerekasztal.core.forms import Form, HungarianDateField
from kerekasztal.core.imports.services import Column, ImportSpec, RowError
from kerekasztal.core.models import User
from kerekasztal.core.text import fold
from kerekasztal.directory.matching import OrganisationMatcher

from . import services
from .models import Forum, Membership, MembershipRole

_ROLES = {fold(str(label)): value for value, label in MembershipRole.choices} | {
    fold(value): value for value in MembershipRole.values}


class MembershipImportRow(Form):
    organisation = forms.CharField()
    role = forms.CharField(required=False)
    since = HungarianDateField()
    until = HungarianDateField(required=False)
    leaving_reason = forms.CharField(required=False, max_length=255)

    def __init__(self, *args, forum: Forum, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum, self.seen = forum, seen

    def clean_organisation(self):
        if "matcher" not in self.seen:
            self.seen["matcher"] = OrganisationMatcher.for_forum(self.forum)
        try:
            return self.seen["matcher"].find(self.cleaned_data["organisation"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_role(self) -> str:
        value = self.cleaned_data["role"]
        if not value.strip():
            return MembershipRole.MEMBER
        role = _ROLES.get(fold(value))
        if role is None:
            raise forms.ValidationError(_("Ismeretlen szerep. Lehetséges: %s.") % ", ".join(
                str(label) for _v, label in MembershipRole.choices))
        return role

    def clean(self):
        data = super().clean()
        since, until, organisation = data.get("since"), data.get("until"), \
            data.get("organisation")
        if since and until and until < since:
            self.add_error("until", _("A tagság vége nem lehet korábbi a kezdeténél."))
        elif since and organisation and _overlaps(self.forum, organisation, since, until):
            self.add_error("since", _("A szervezet ebben az időszakban már tag; egy "
                                      "szervezetnek egyszerre egy tagsága lehet."))
        return data


def _overlaps(forum, organisation, since, until) -> bool:
    qs = Membership.objects.filter(forum=forum, organisation=organisation)
    if until:
        qs = qs.filter(since__lte=until)
    return qs.filter(Q(until__isnull=True) | Q(until__gte=since)).exists()


def _check_rows(rows: list[tuple[int, dict[str, Any]]],
                failed: list[tuple[int, dict[str, Any]]]) -> list[RowError]:
    """Two rows of one organisation must not overlap in time (a failed row has its own
    error and takes no part)."""
    header = str(MEMBERSHIPS.columns[2].header)
    errors = []
    seen: dict[int, list[tuple[int, Any, Any]]] = {}
    for number, row in rows:
        since, until = row["since"], row["until"]
        for other, o_since, o_until in seen.get(row["organisation"].pk, []):
            if (until is None or o_since <= until) and (o_until is None or o_until >= since):
                errors.append(RowError(number, header, _(
                    "Ugyanennek a szervezetnek %(row)s. sorbeli tagságával átfedésben "
                    "van.") % {"row": hungarian.with_article(other)}))
        seen.setdefault(row["organisation"].pk, []).append((number, since, until))
    return errors


def _create(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    for row in rows:
        membership = services.membership_add(forum=forum, organisation=row["organisation"],
                                             role=row["role"], since=row["since"], user=user)
        if row["until"]:
            services.membership_end(membership=membership, until=row["until"],
                                    reason=row["leaving_reason"], user=user)
    return len(rows)


MEMBERSHIPS = ImportSpec(
    kind="forums.memberships",
    label=_lazy("Tagságok"),
    columns=[
        Column("organisation", _lazy("Szervezet"), required=True,
               aliases=("szervezet neve", "tag"), help=_lazy("a címtárban szereplő név")),
        Column("role", _lazy("Szerep"),
               help=_lazy("tag, elnök, állandó meghívott vagy megfigyelő; üresen: tag")),
        Column("since", _lazy("Csatlakozás napja"), required=True,
               aliases=("tagság kezdete", "csatlakozás")),
        Column("until", _lazy("Kilépés napja"), aliases=("tagság vége", "kilépés"),
               help=_lazy("csak korábbi tagnál")),
        Column("leaving_reason", _lazy("Kilépés oka")),
    ],
    row_form=MembershipImportRow,
    create=_create,
    check_rows=_check_rows,
    example=[["Bozsok Község Önkormányzata", "Tag", "2015-06-16", "", ""]],
)
