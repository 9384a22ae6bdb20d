"""Reads of the directory shared by pages and the API."""

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
        Organisation.objects.filter(forum=forum.root)
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
