"""Memberships as they really happened: accession and leaving days in the past."""

import datetime

import pytest
from django.urls import reverse

from kerekasztal.forums.models import Membership
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_membership_since_2015_and_ended_in_2019_is_accepted(world, coordinator_client):
    organisation = OrganisationFactory(forum=world.forum, name="Cák Község Önkormányzata")
    response = coordinator_client.post(
        reverse("forums:membership_create", kwargs={"forum": world.forum.slug}),
        {"organisation": organisation.pk, "role": "member", "since": "2015-06-16"})
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=organisation)
    end = reverse("forums:membership_end", kwargs={"forum": world.forum.slug,
                                                   "pk": membership.pk})
    refused = coordinator_client.post(end, {"until": "2015-01-01"})
    assert "nem lehet korábbi" in refused.content.decode()
    assert coordinator_client.post(end, {"until": "2019-12-31"}).status_code == 302
    membership.refresh_from_db()
    assert (membership.since, membership.until) == (D(2015, 6, 16), D(2019, 12, 31))
