"""Fixtures for agreements: a thematic agreement of the Kőszeg roundtable with three parties."""

import datetime

import pytest
from django.utils import timezone

from kerekasztal.agreements import services
from kerekasztal.agreements.models import Agreement, AgreementVersion
from kerekasztal.agreements.templates_text import DEFAULT_TEMPLATES
from tests.factories import OrganisationFactory

DRAFTED = datetime.date(2024, 3, 1)


def backdate(agreement: Agreement, day: datetime.date = DRAFTED) -> Agreement:
    """Pretend the draft (and its current version) was written, and entered, on `day`."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Agreement.objects.filter(pk=agreement.pk).update(created_at=moment, drafted_on=day)
    AgreementVersion.objects.filter(agreement=agreement).update(created_at=moment)
    agreement.refresh_from_db()
    return agreement


def make_agreement(forum, user=None, *, parties=(), title="Tematikus megállapodás a romák "
                   "esélyegyenlőségéért", kind="thematic", **data) -> Agreement:
    data.setdefault("purpose", "A felek összehangolják a romákat érintő intézkedéseiket.")
    data.setdefault("body", DEFAULT_TEMPLATES[kind][1])
    agreement = services.agreement_create(forum=forum, user=user, kind=kind, title=title, **data)
    for organisation in parties:
        services.party_add(agreement=agreement, organisation=organisation, user=user)
    return agreement


def sign(party, day, name="Aláíró Anna", user=None):
    return services.signature_record(party=party, signed_on=day, signatory_name=name,
                                     signatory_position="polgármester", user=user)


@pytest.fixture
def organisations(world):
    return [
        world.organisation,
        OrganisationFactory(forum=world.forum, name="Kőszeg Város Önkormányzata",
                            kind="local_government"),
        OrganisationFactory(forum=world.forum, name="Kőszegi Roma Nemzetiségi Önkormányzat",
                            kind="nationality_self_government"),
    ]


@pytest.fixture
def agreement(world, organisations):
    agreement = make_agreement(world.forum, world.coordinator, parties=organisations)
    return backdate(agreement)


@pytest.fixture
def opened(agreement, world):
    services.agreement_open(agreement=agreement, user=world.coordinator,
                            on=datetime.date(2024, 3, 5))
    return agreement
