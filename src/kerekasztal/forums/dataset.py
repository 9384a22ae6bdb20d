"""Synthetic memberships and coordinators for the benchmark dataset (core/datasets/synthetic.py)."""

from kerekasztal.core.datasets.synthetic import DatasetContext
from kerekasztal.core.models import User
from kerekasztal.directory.dataset import PEOPLE_PER_ORGANISATION

from .models import AccessRole, ForumAccess, Membership, MembershipRole

MEMBER_SHARE = 0.6


def generate(ctx: DatasetContext) -> None:
    emails = {forum.pk: f"koordinator-{forum.slug}@example.org" for forum in ctx.forums}
    users = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    new_users = []
    for forum in ctx.forums:
        if emails[forum.pk] not in users:
            user = User(email=emails[forum.pk], full_name=f"Koordinátor ({forum.name})")
            user.set_unusable_password()
            new_users.append(user)
    users.update({user.email: user for user in ctx.bulk(User, new_users, "felhasználók")})
    granted = set(ForumAccess.objects.filter(forum__in=ctx.forums, role=AccessRole.COORDINATOR)
                  .values_list("forum_id", flat=True))
    ctx.bulk(ForumAccess, (
        ForumAccess(forum=forum, user=users[emails[forum.pk]], role=AccessRole.COORDINATOR)
        for forum in ctx.forums if forum.pk not in granted
    ), "hozzáférések")

    representatives = Membership.representatives.through
    for forum in ctx.forums:
        organisation_ids = ctx.ids.get(f"organisations:{forum.pk}", [])
        people_ids = ctx.ids.get(f"people:{forum.pk}", [])
        chosen = [index for index in range(len(organisation_ids))
                  if ctx.rng.random() < MEMBER_SHARE] or [0]
        has_chair = Membership.objects.filter(forum=forum, role=MembershipRole.CHAIR).exists()
        memberships = []
        for position, index in enumerate(chosen):
            since = ctx.day(365)
            ended = ctx.rng.random() < 0.1
            memberships.append(Membership(
                forum=forum, organisation_id=organisation_ids[index],
                role=MembershipRole.CHAIR if position == 0 and not has_chair
                else ctx.rng.choice([MembershipRole.MEMBER] * 8
                                    + [MembershipRole.PERMANENT_INVITEE, MembershipRole.OBSERVER]),
                since=since, until=ctx.day(3650) if ended else None,
            ))
        memberships = [m for m in memberships if m.until is None or m.until >= m.since]
        memberships = ctx.bulk(Membership, memberships, "tagságok")
        index_of = {pk: index for index, pk in enumerate(organisation_ids)}
        ctx.bulk(representatives, (
            representatives(membership_id=membership.pk,
                            person_id=people_ids[index_of[membership.organisation_id]
                                                 * PEOPLE_PER_ORGANISATION])
            for membership in memberships
        ), "képviselők")
