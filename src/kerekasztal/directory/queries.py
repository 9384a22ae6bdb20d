"""Reads of the directory shared by pages and the API."""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kerekasztal.core.text import fold
from kerekasztal.forums.models import Forum, Membership

from .models import Affiliation, Organisation, Person


def organisation_list(
    forum: Forum, *, q: str = "", kind: str = "", seat=None, archived: bool = False
) -> QuerySet[Organisation]:
    today = timezone.localdate()
    qs = (
        _organisations(forum, q=q, kind=kind, seat=seat, archived=archived)
        .select_related("seat")
        .annotate(
            people_count=Count("affiliations", distinct=True),
            active_memberships=Count(
                "memberships",
                filter=Q(memberships__forum=forum, memberships__since__lte=today)
                & (Q(memberships__until__isnull=True) | Q(memberships__until__gte=today)),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    return qs


def _organisations(forum: Forum, *, q: str = "", kind: str = "", seat=None,
                   archived: bool = False) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(forum=forum.root).order_by("name")
    if q:
        qs = qs.filter(name_key__contains=fold(q))
    if kind:
        qs = qs.filter(kind=kind)
    if seat is not None:
        qs = qs.filter(seat=seat)
    if not archived:
        qs = qs.filter(archived_at__isnull=True)
    return qs


def organisation_detail(organisation: Organisation) -> Organisation:
    return (
        Organisation.objects.select_related("seat")
        .prefetch_related(
            Prefetch("affiliations", Affiliation.objects.select_related("person")
                     .order_by("person__name")),
            Prefetch("memberships", Membership.objects.select_related("forum")
                     .order_by("-since")),
        )
        .get(pk=organisation.pk)
    )


def person_list(
    forum: Forum, *, q: str = "", organisation=None, archived: bool = False
) -> QuerySet[Person]:
    qs = (
        Person.objects.filter(forum=forum.root)
        .prefetch_related(
            Prefetch("affiliations", Affiliation.objects.select_related("organisation")
                     .order_by("organisation__name"))
        )
        .order_by("name")
    )
    if q:
        key = fold(q)
        qs = qs.filter(Q(name_key__contains=key) | Q(email__icontains=q.strip()))
    if organisation is not None:
        qs = qs.filter(affiliations__organisation=organisation)
    if not archived:
        qs = qs.filter(archived_at__isnull=True)
    return qs


def person_detail(person: Person) -> Person:
    return (
        Person.objects.select_related("user")
        .prefetch_related(
            Prefetch("affiliations", Affiliation.objects.select_related("organisation")),
            Prefetch("representations", Membership.objects.select_related("organisation",
                                                                           "forum")),
        )
        .get(pk=person.pk)
    )


def organisations_for_export(forum: Forum, **filters) -> tuple[QuerySet[Organisation],
                                                             Iterator[dict]]:
    """The organisation list's records as plain values with their number of contacts (two
    queries, no model instances), and the queryset to count them."""
    qs = _organisations(forum, **filters)
    people = dict(Affiliation.objects.filter(organisation__in=qs.order_by().values("pk"))
                  .values("organisation_id").annotate(n=Count("pk"))
                  .values_list("organisation_id", "n"))

    def rows() -> Iterator[dict]:
        for values in qs.values("pk", "name", "kind", "seat__name", "postal_code", "address",
                                "email", "phone", "website", "tax_number").iterator(2000):
            row: dict[str, Any] = dict(values)
            row["people_count"] = people.get(row["pk"], 0)
            yield row

    return qs, rows()


def people_for_export(forum: Forum, **filters) -> tuple[QuerySet[Person], Iterator[dict]]:
    """The people list's records as plain values with their organisations joined ("a; b"):
    two queries, no model instances; and the queryset to count them."""
    qs = person_list(forum, **filters).prefetch_related(None)
    names: dict[int, list[str]] = defaultdict(list)
    for person_id, name in (Affiliation.objects.filter(person__in=qs.order_by().values("pk"))
                            .order_by("organisation__name", "pk")
                            .values_list("person_id", "organisation__name")):
        names[person_id].append(name)

    def rows() -> Iterator[dict]:
        for values in qs.values("pk", "name", "email", "phone", "position", "legal_basis",
                                "consent_given_on", "retention_until").iterator(2000):
            row: dict[str, Any] = dict(values)
            row["organisations"] = "; ".join(names.get(row["pk"], ()))
            yield row

    return qs, rows()
