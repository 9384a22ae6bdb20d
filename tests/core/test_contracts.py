import datetime

import pytest

from kerekasztal.core import contracts
from kerekasztal.forums.models import Forum, MembershipRole
from kerekasztal.territory.models import Settlement
from tests import factories

pytestmark = pytest.mark.django_db


def test_rules_and_sources_are_found_by_module_name():
    assert "forums.member_organisations" in contracts.indicator_rules()
    assert "forums.forum" in contracts.public_sources()


def test_member_organisations_counts_distinct_organisations_in_force_on_the_day(world):
    rule = contracts.indicator_rules()["forums.member_organisations"]
    forum = world.forum
    forums = Forum.objects.filter(pk=forum.pk)
    day = datetime.date(2030, 1, 1)
    before = rule.value(forums, day)
    org = factories.OrganisationFactory(forum=forum, seat=Settlement.objects.first())
    factories.MembershipFactory(forum=forum, organisation=org, role=MembershipRole.MEMBER,
                                since=datetime.date(2029, 6, 1), until=None)
    assert rule.value(forums, day) == before + 1
    assert rule.value(forums, datetime.date(2029, 5, 31)) <= before
    breakdown = rule.by_settlement(forums, day)
    assert breakdown[org.seat_id] >= 1
