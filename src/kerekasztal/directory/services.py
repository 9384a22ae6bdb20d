"""Writes to the directory. Every write is validated and runs in a transaction."""

import datetime
from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from kerekasztal.core.models import User
from kerekasztal.core.text import fold
from kerekasztal.core.typeddata import field_names
from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import Settlement

from .models import Affiliation, Organisation, Person
from .validators import normalise_tax_number


class OrganisationFields(TypedDict, total=False):
    """What the services may set on an organisation."""

    name: str
    kind: str
    seat: Settlement | None
    postal_code: str
    address: str
    email: str
    phone: str
    website: str
    tax_number: str


class PersonFields(TypedDict, total=False):
    """What the services may set on a person."""

    name: str
    email: str
    phone: str
    position: str
    legal_basis: str
    consent_given_on: datetime.date | None
    retention_until: datetime.date


ORGANISATION_FIELDS = field_names(OrganisationFields)
PERSON_FIELDS = field_names(PersonFields)


def _save(instance: Any, user: User | None, fields: list[str] | None = None) -> None:
    instance.full_clean()
    if user is not None:
        instance._history_user = user
    instance.save(update_fields=fields)


@transaction.atomic
def organisation_create(
    *, forum: Forum, user: User | None = None, **data: Unpack[OrganisationFields],
) -> Organisation:
    organisation = Organisation(forum=forum.root)
    _assign_organisation(organisation, data)
    _save(organisation, user)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, user: User | None = None, **data: Unpack[OrganisationFields]
) -> Organisation:
    _assign_organisation(organisation, data)
    _save(organisation, user, [*data.keys(), "name_key", "updated_at"])
    return organisation


def _assign_organisation(organisation: Organisation, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(organisation, name, value)
    if organisation.tax_number:
        organisation.tax_number = normalise_tax_number(organisation.tax_number)
    organisation.name = organisation.name.strip()
    organisation.name_key = fold(organisation.name)


@transaction.atomic
def organisation_archive(
    *, organisation: Organisation, archived: bool, user: User | None = None
) -> Organisation:
    organisation.archived_at = timezone.now() if archived else None
    _save(organisation, user, ["archived_at", "updated_at"])
    return organisation


@transaction.atomic
def person_create(
    *,
    forum: Forum,
    organisations: list[Organisation] | tuple[Organisation, ...] = (),
    user: User | None = None,
    **data: Unpack[PersonFields],
) -> Person:
    person = Person(forum=forum.root)
    _assign_person(person, data)
    _save(person, user)
    _set_affiliations(person, organisations)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    organisations: list[Organisation] | None = None,
    user: User | None = None,
    **data: Unpack[PersonFields],
) -> Person:
    _assign_person(person, data)
    _save(person, user, [*data.keys(), "name_key", "updated_at"])
    if organisations is not None:
        _set_affiliations(person, organisations)
    return person


def _assign_person(person: Person, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(person, name, value)
    person.name = person.name.strip()
    person.email = (person.email or "").strip().lower()
    person.name_key = fold(person.name)


def _set_affiliations(person: Person, organisations: Any) -> None:
    wanted = {organisation.pk: organisation for organisation in organisations}
    for organisation in wanted.values():
        if organisation.forum_id != person.forum_id:
            raise ValueError("organisation of another forum")
    person.affiliations.exclude(organisation_id__in=wanted).delete()
    existing = set(person.affiliations.values_list("organisation_id", flat=True))
    Affiliation.objects.bulk_create(
        Affiliation(person=person, organisation=organisation, role=person.position)
        for pk, organisation in wanted.items()
        if pk not in existing
    )


@transaction.atomic
def person_archive(*, person: Person, archived: bool, user: User | None = None) -> Person:
    person.archived_at = timezone.now() if archived else None
    _save(person, user, ["archived_at", "updated_at"])
    return person


@transaction.atomic
def person_link_user(*, person: Person, user: User) -> Person:
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person
