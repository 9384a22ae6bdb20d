"""Access rules: Agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from kerekasztal.core.access.roles import (
    ANY_ROLE,
    AUDITOR,
    COORDINATOR,
    MEMBER,
    RULES,
    Role,
    _scoped_get,
    can,
    roles_in,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_AGREEMENTS: dict[str, frozenset[Role]] = {
    # Everyone with a role sees the signed agreements; drafts only coordinators and parties
    # (agreements_visible below narrows every list and page).
    "agreements.view": ANY_ROLE,
    "agreements.manage": frozenset({COORDINATOR}),
    "agreements.templates.manage": frozenset({COORDINATOR}),
    # Signed scans: coordinators, auditors (evidence) and the parties' representatives.
    "agreements.scans.view": frozenset({COORDINATOR, AUDITOR, MEMBER}),
    # Progress notes on commitments: coordinators, and members on their organisation's.
    "agreements.progress": frozenset({COORDINATOR, MEMBER}),
    # Signing: coordinators record paper signatures; a member accepts for their organisation
    # when it is a party (agreement_party_sign_for below).
    "agreements.sign": frozenset({COORDINATOR, MEMBER}),
    # Linking a commitment to the plan measure it serves (core/records/links.py).
    "agreements.link": frozenset({COORDINATOR}),
}


def linked_records_visible(items: list, user: Viewer, forum: Forum) -> list:
    """Linked records (`core.records.links.LinkedRecord`) the viewer may read in the forum: those of
    apps whose `<app>.view` rule they pass, and agreements' commitments only of agreements
    visible to them (drafts are not)."""
    kept = []
    agreements: set[int] | None = None  # read once, when there is a commitment
    for item in items:
        app_label = item.record._meta.app_label
        action = f"{app_label}.view"
        if action in RULES and not can(user, action, forum):
            continue
        agreement_id = getattr(item.record, "agreement_id", None)
        if app_label == "agreements" and agreement_id is not None:
            if agreements is None:
                agreements = set(agreements_visible(user, forum).values_list("pk", flat=True))
            if agreement_id not in agreements:
                continue
        kept.append(item)
    return kept


def agreements_visible(user: Viewer, forum: Forum):
    """The forum's agreements the user may see: coordinators all; others the signed ones
    and those their organisation is a party to."""
    from django.db.models import Q

    from kerekasztal.agreements.models import Agreement

    roles = roles_in(user, forum)
    qs = Agreement.objects.filter(forum=forum)
    if COORDINATOR in roles:
        return qs
    if not roles:
        return qs.none()
    party_of = Agreement.objects.filter(
        forum=forum, parties__organisation_id__in=roles.organisation_ids
    ).values("pk")
    return qs.filter(Q(signed_on__isnull=False) | Q(pk__in=party_of))


def agreement_for(user: Viewer, forum: Forum, pk: int, action: str):
    return _scoped_get(agreements_visible(user, forum), user, forum, action, pk=pk)


def agreement_party_for(user: Viewer, forum: Forum, agreement, pk: int, action: str):
    return _scoped_get(agreement.parties.select_related("organisation", "agreement__forum"), user,
                       forum, action, pk=pk)


class CannotSign(PermissionDenied):
    """The user may not sign for this party; `reason` tells them what to do instead."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def agreement_party_sign_for(user: Viewer, forum: Forum, agreement, pk: int):
    """(party, how): a coordinator records a signature made on paper ("record"); the
    representative of the party's organisation accepts it electronically ("accept").
    Raises CannotSign with an explanation for a member who cannot."""
    from django.utils.translation import gettext as _

    party = agreement_party_for(user, forum, agreement, pk, "agreements.sign")
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return party, "record"
    if party.organisation_id not in roles.organisation_ids:
        raise CannotSign(_(
            "Ezt a felet csak %(organisation)s képviselője írhatja alá. Ha Ön a szervezet "
            "képviselője, kérje a fórum koordinátorát, hogy a tagságnál vegye fel Önt a "
            "szervezet képviselői közé.") % {"organisation": party.organisation.name})
    if not agreement.opened_on:
        raise CannotSign(_(
            "A megállapodás még tervezet: akkor írhatja alá, ha a koordinátor aláírásra "
            "bocsátotta. Észrevételeit addig a koordinátornak jelezze."))
    return party, "accept"


def agreement_commitment_for(user: Viewer, forum: Forum, agreement, pk: int, action: str):
    return _scoped_get(agreement.commitments.select_related("party__organisation", "agreement"),
                       user, forum, action, pk=pk)


def agreement_commitment_progress_for(user: Viewer, forum: Forum, agreement, pk: int):
    """A commitment whose progress the user may report: a coordinator any, a member those of
    their organisation (and those of every party, when their organisation is one)."""
    action = "agreements.progress"
    commitment = agreement_commitment_for(user, forum, agreement, pk, action)
    roles = roles_in(user, forum)
    if COORDINATOR in roles:
        return commitment
    if commitment.party_id is None:
        if agreement.parties.filter(organisation_id__in=roles.organisation_ids).exists():
            return commitment
    elif commitment.party.organisation_id in roles.organisation_ids:
        return commitment
    raise PermissionDenied


def agreement_signature_for(user: Viewer, forum: Forum, agreement, pk: int, action: str):
    """A signature (and its scan): a member only of an agreement their organisation signs."""
    from kerekasztal.agreements.models import Signature

    roles = roles_in(user, forum)
    signature = _scoped_get(
        Signature.objects.select_related("party__organisation", "party__agreement"), user, forum,
        action, pk=pk, party__agreement=agreement)
    if roles.roles & {COORDINATOR, AUDITOR}:
        return signature
    if not agreement.parties.filter(organisation_id__in=roles.organisation_ids).exists():
        raise PermissionDenied
    return signature


def agreement_template_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.agreements.models import AgreementTemplate

    return _scoped_get(AgreementTemplate, user, forum, action, pk=pk, forum=forum)


def signing_desk_organisations(user: Viewer, forum: Forum) -> frozenset[int]:
    """The organisations whose agreements awaiting signature the viewer's workspace lists:
    a member's own organisations (a coordinator records signatures on the agreement's page
    instead, so has no such desk)."""
    roles = roles_in(user, forum)
    if not can(user, "agreements.sign", forum) or COORDINATOR in roles:
        return frozenset()
    return frozenset(roles.organisation_ids)
