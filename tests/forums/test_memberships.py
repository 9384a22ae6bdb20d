import datetime

import pytest
from django.core.exceptions import ValidationError

from kerekasztal.forums import queries, services
from kerekasztal.forums.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_members_as_of_a_date(world):
    left = OrganisationFactory(forum=world.forum, name="Kilépett Egyesület")
    joined_later = OrganisationFactory(forum=world.forum, name="Később Csatlakozott Egyesület")
    MembershipFactory(forum=world.forum, organisation=left, since=D(2015, 6, 16),
                      until=D(2016, 12, 31))
    MembershipFactory(forum=world.forum, organisation=joined_later, since=D(2018, 1, 1))

    def names(day):
        return {m.organisation.name for m in queries.membership_list(world.forum, on=day)}

    assert names(D(2015, 6, 16)) == {world.organisation.name, left.name}
    assert names(D(2016, 12, 31)) == {world.organisation.name, left.name}
    assert names(D(2017, 1, 1)) == {world.organisation.name}
    assert names(D(2020, 1, 1)) == {world.organisation.name, joined_later.name}
    assert queries.membership_list(world.forum, former=True).count() == 3


def test_overlapping_membership_of_the_same_organisation_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.membership_add(forum=world.forum, organisation=world.organisation,
                                since=D(2020, 1, 1))
    assert "már tag" in str(error.value)


def test_rejoining_after_leaving_is_a_new_dated_membership(world):
    services.membership_end(membership=world.membership, until=D(2019, 12, 31),
                            reason="Kilépett")
    again = services.membership_add(forum=world.forum, organisation=world.organisation,
                                    since=D(2021, 1, 1))
    assert again.pk != world.membership.pk
    assert Membership.objects.filter(organisation=world.organisation).count() == 2


def test_end_before_start_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError):
        services.membership_end(membership=world.membership, until=D(2014, 1, 1), reason="")
    world.membership.refresh_from_db()
    assert world.membership.until is None


def test_organisation_and_representatives_must_belong_to_the_forum(world):
    with pytest.raises(ValidationError):
        services.membership_add(forum=world.forum, organisation=world.other_organisation,
                                since=D(2020, 1, 1))
    newcomer = OrganisationFactory(forum=world.forum)
    with pytest.raises(ValidationError):
        services.membership_add(forum=world.forum, organisation=newcomer, since=D(2020, 1, 1),
                                representatives=[world.other_person])
    assert not Membership.objects.filter(organisation=newcomer).exists()


def test_member_role_follows_representation_and_ends_with_the_membership(world):
    from kerekasztal.core import access

    assert access.MEMBER in access.roles_in(world.member, world.forum)
    services.membership_end(membership=world.membership, until=D(2020, 1, 1), reason="")
    access.forget_roles(world.member)
    assert access.MEMBER not in access.roles_in(world.member, world.forum)
    assert access.MEMBER in access.roles_in(world.member, world.forum, on=D(2019, 6, 1))


def test_observers_do_not_get_member_access(world):
    from kerekasztal.core import access

    person = PersonFactory(forum=world.forum, user=world.outsider)
    MembershipFactory(forum=world.forum, role="observer", representatives=[person])
    assert not access.roles_in(world.outsider, world.forum)
