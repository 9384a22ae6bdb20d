"""Writes to agreements. Every write is validated and runs in one transaction.

The rules a municipal legal officer expects:
- an agreement is opened for signature once it has a text and at least two parties;
- a signature is dated between the day the signed text was drafted and today;
- the agreement is signed on the day its rule is met (every party, or a minimum number),
  and in force from that day, or from its validity's start if that is later;
- once any party has signed, changing the text (title, text, validity, rule) starts a new
  version and every party signs again; earlier versions and signatures stay on record;
- a party may withdraw with a date; the others' cooperation goes on.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kerekasztal.core import hungarian
from kerekasztal.core.records import links
from kerekasztal.core.records.history import set_history_user
from kerekasztal.core.richtext import sanitize
from kerekasztal.core.typeddata import field_names
from kerekasztal.directory.models import Organisation

from .models import (
    Agreement,
    AgreementKind,
    AgreementTemplate,
    AgreementVersion,
    Commitment,
    CommitmentNote,
    Party,
    PartyRole,
    Signature,
    SignatureMethod,
    SignatureRule,
    Status,
)


class AgreementFields(TypedDict, total=False):
    """What the services may set on an agreement."""

    kind: str
    title: str
    purpose: str
    body: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    signature_rule: str
    minimum_signatures: int | None
    place: str
    drafted_on: datetime.date


class PartyFields(TypedDict, total=False):
    """What the services may set on a party."""

    role: str
    signatory_name: str
    signatory_position: str
    order: int


class CommitmentFields(TypedDict, total=False):
    """What the services may set on a commitment."""

    party: Party | None
    text: str
    due_on: datetime.date | None
    status: str
    order: int


AGREEMENT_FIELDS = field_names(AgreementFields)
# Changing these after a signature changes what was signed: a new version.
TEXT_FIELDS = ("title", "body", "valid_from", "valid_until", "signature_rule",
               "minimum_signatures")
PARTY_FIELDS = field_names(PartyFields)
COMMITMENT_FIELDS = field_names(CommitmentFields)


def _save(instance: Any, user: Any, fields: list[str] | None = None) -> None:
    instance.full_clean()
    set_history_user(instance, user)
    instance.save(update_fields=fields)


def _today() -> datetime.date:
    return timezone.localdate()


def _require_editable(agreement: Agreement) -> None:
    if not agreement.is_editable:
        raise ValidationError(_("Megszűnt vagy lejárt megállapodás már nem módosítható."))


# --- agreements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyEntry:
    """A party of an agreement recorded in one go, with its signature day when it signed
    (e.g. on paper before the forum used the platform) and the scan of its signed copy."""

    organisation: Organisation
    signed_on: datetime.date | None = None
    signatory_name: str = ""
    signatory_position: str = ""
    role: str = PartyRole.PARTY
    scan: Any = None


@transaction.atomic
def agreement_create(
    *, forum, user=None, topics=(), target_groups=(), parties: Sequence[PartyEntry] = (),
    **data: Unpack[AgreementFields],
) -> Agreement:
    """A new agreement: a draft, or, with `parties`, one recorded with its parties and their
    signature days (signed when every party has one). `drafted_on` (the day the text was
    drafted) may lie in the past; when the record was entered, and by whom, is its history:
    exactly one history entry of the agreement."""
    unknown = set(data) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    agreement = Agreement(forum=forum, created_by=user if _is_user(user) else None, **data)
    agreement.body = sanitize(agreement.body)
    agreement.title = agreement.title.strip()
    agreement.full_clean()
    _check_entries(agreement, parties)
    # simple-history's flag: one entry below, with topics and parties
    agreement.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        agreement.save()
        agreement.topics.set(topics)
        agreement.target_groups.set(target_groups)
        AgreementVersion.objects.create(
            agreement=agreement, number=1, title=agreement.title, body=agreement.body,
            created_by=agreement.created_by, note=_("Első változat"),
        )
        _record_entries(agreement, parties, user)
    finally:
        del agreement.skip_history_when_saving  # type: ignore[attr-defined]
    _save(agreement, user, ["updated_at"])
    # That entry holds the finished record: it is the creation, not a change.
    Agreement.history.filter(id=agreement.pk).update(history_type="+")
    return agreement


def _check_entries(agreement: Agreement, entries: Sequence[PartyEntry]) -> None:
    """Every rule of the parties recorded with a new agreement, each error naming its party."""
    errors: list[str] = []
    seen: set[int] = set()
    today = _today()
    if agreement.kind == AgreementKind.BILATERAL and len(entries) > 2:
        errors.append(_("Kétoldalú megállapodásnak két fele van."))
    if entries and len(entries) < 2:
        errors.append(_("Egy megállapodásnak legalább két fele van."))
    for entry in entries:
        name = entry.organisation.name
        if entry.organisation.forum_id != agreement.forum.root.pk:
            errors.append(_("%(name)s: a szervezet nem szerepel a fórum címtárában.")
                          % {"name": name})
        if entry.organisation.pk in seen:
            errors.append(_("%(name)s kétszer szerepel a felek között.") % {"name": name})
        seen.add(entry.organisation.pk)
        if entry.signed_on is None:
            continue
        problem = signature_day_problem(entry.signed_on, agreement.drafted_on, today)
        if problem:
            errors.append(f"{name}: {problem}")
        if not (entry.signatory_name or "").strip():
            errors.append(_("%(name)s: adja meg, ki írta alá.") % {"name": name})
    if errors:
        raise ValidationError(errors)


def signature_day_problem(signed_on: datetime.date, drafted_on: datetime.date | None,
                          today: datetime.date | None = None) -> str:
    """What is wrong with a signature day ("" when nothing): not in the future, not before
    the day the signed text was drafted."""
    if signed_on > (today or _today()):
        return _("Az aláírás napja nem lehet jövőbeli.")
    if drafted_on and signed_on < drafted_on:
        return _("Az aláírás napja nem lehet korábbi, mint amikor az aláírt szöveg elkészült "
                 "(%(day)s).") % {"day": hungarian.date_long(drafted_on)}
    return ""


def _record_entries(agreement: Agreement, entries: Sequence[PartyEntry], user) -> None:
    signed_days = [entry.signed_on for entry in entries if entry.signed_on]
    if signed_days:
        agreement.opened_on = min(signed_days)
    for order, entry in enumerate(entries, start=1):
        party = Party(agreement=agreement, organisation=entry.organisation, role=entry.role,
                      signatory_name=entry.signatory_name.strip(),
                      signatory_position=entry.signatory_position.strip(), order=order)
        _save(party, user)
        if entry.signed_on:
            signature = Signature(
                party=party, version=1, signed_on=entry.signed_on,
                signatory_name=entry.signatory_name.strip(),
                signatory_position=entry.signatory_position.strip(),
                recorded_by=user if _is_user(user) else None,
            )
            if entry.scan:
                signature.scan = entry.scan
            _save(signature, user)
    if entries:
        _recompute(agreement, user)


def _check_drafted_on(agreement: Agreement, drafted_on: datetime.date | None) -> None:
    """The first text's drafting day may be corrected, but not to after a signature of it."""
    first = Signature.objects.filter(party__agreement=agreement, version=1).aggregate(
        first=Min("signed_on"))["first"]
    if drafted_on and first and drafted_on > first:
        raise ValidationError({"drafted_on": _(
            "A szöveg nem készülhetett el később, mint az első aláírás (%(day)s).")
            % {"day": hungarian.date_long(first)}})


def _is_user(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


@transaction.atomic
def agreement_update(*, agreement: Agreement, user=None, note: str = "", topics=None,
                     target_groups=None, **data: Unpack[AgreementFields]) -> Agreement:
    """Change the agreement. After a signature a change of the text starts a new version
    and resets the signatures; returns the agreement (its `version` tells which)."""
    _require_editable(agreement)
    unknown = set(data) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    if "body" in data:
        data["body"] = sanitize(data["body"])
    if "title" in data:
        data["title"] = data["title"].strip()
    if "kind" in data and data["kind"] != agreement.kind and agreement.opened_on:
        raise ValidationError({"kind": _("Aláírásra bocsátott megállapodás típusa nem "
                                         "változtatható.")})
    if "drafted_on" in data and data["drafted_on"] != agreement.drafted_on:
        _check_drafted_on(agreement, data["drafted_on"])
    values: Mapping[str, Any] = data
    text_changed = any(
        name in data and values[name] != getattr(agreement, name) for name in TEXT_FIELDS
    )
    signed_current = Signature.objects.filter(
        party__agreement=agreement, version=agreement.version
    ).exists()
    for name, value in data.items():
        setattr(agreement, name, value)
    fields = [*data.keys(), "updated_at"]
    if text_changed and signed_current:
        if agreement.terminated_on:
            raise ValidationError(_("Megszűnt megállapodás szövege nem módosítható."))
        agreement.version += 1
        fields += ["version"]
        _save(agreement, user, fields)
        AgreementVersion.objects.create(
            agreement=agreement, number=agreement.version, title=agreement.title,
            body=agreement.body, created_by=user if _is_user(user) else None,
            note=note or _("Módosítás aláírás után: a feleknek újra alá kell írniuk."),
        )
    else:
        _save(agreement, user, fields)
        if text_changed:
            AgreementVersion.objects.filter(agreement=agreement,
                                            number=agreement.version).update(
                title=agreement.title, body=agreement.body, created_at=timezone.now(),
                created_by=user if _is_user(user) else None,
                **({"note": note} if note else {}),
            )
    if topics is not None:
        agreement.topics.set(topics)
    if target_groups is not None:
        agreement.target_groups.set(target_groups)
    if text_changed:
        _recompute(agreement, user)
    return agreement


@transaction.atomic
def agreement_open(*, agreement: Agreement, user=None, on: datetime.date | None = None
                   ) -> Agreement:
    """Open the agreement for signature."""
    if agreement.opened_on:
        return agreement
    parties = agreement.parties.filter(withdrawn_on__isnull=True).count()
    errors = []
    if parties < 2:
        errors.append(_("Aláírásra bocsátás előtt vegyen fel legalább két felet."))
    if not agreement.body.strip():
        errors.append(_("Aláírásra bocsátás előtt írja meg a megállapodás szövegét."))
    if errors:
        raise ValidationError(errors)
    agreement.opened_on = on or _today()
    _save(agreement, user, ["opened_on", "updated_at"])
    return agreement


@transaction.atomic
def agreement_terminate(*, agreement: Agreement, on: datetime.date, reason: str, user=None
                        ) -> Agreement:
    if not agreement.signed_on:
        raise ValidationError(_("Csak aláírt megállapodás szűnhet meg. Tervezetet elég "
                                "nem aláírásra bocsátani."))
    if on < agreement.signed_on:
        raise ValidationError({"terminated_on": _(
            "A megszűnés napja nem lehet korábbi az aláírásnál (%(day)s).")
            % {"day": hungarian.date_long(agreement.signed_on)}})
    if not (reason or "").strip():
        raise ValidationError({"termination_reason": _("Adja meg a megszűnés okát.")})
    agreement.terminated_on = on
    agreement.termination_reason = reason.strip()
    _save(agreement, user, ["terminated_on", "termination_reason", "updated_at"])
    return agreement


@transaction.atomic
def agreement_set_text_public(*, agreement: Agreement, public: bool, user=None) -> Agreement:
    if public and not agreement.signed_on:
        raise ValidationError(_("Csak aláírt megállapodás szövege tehető nyilvánossá."))
    agreement.text_public = public
    _save(agreement, user, ["text_public", "updated_at"])
    return agreement


def _recompute(agreement: Agreement, user=None) -> None:
    """Record the day the current version's signature rule was met (or None), and the
    agreement's `signed_on`: the first such day of any version."""
    parties = list(agreement.parties.all())
    signatures = {
        s.party_id: s for s in Signature.objects.filter(party__agreement=agreement,
                                                        version=agreement.version)
    }
    dates: list[datetime.date] = []
    waiting = False
    withdrawals: list[datetime.date] = []
    for party in parties:
        signature = signatures.get(party.pk)
        if party.withdrawn_on and (signature is None or party.withdrawn_on < signature.signed_on):
            withdrawals.append(party.withdrawn_on)
            continue  # withdrew before signing: no longer needed
        if signature is None:
            waiting = True
        else:
            dates.append(signature.signed_on)
    dates.sort()
    met = None
    if agreement.signature_rule == SignatureRule.MINIMUM:
        needed = agreement.minimum_signatures or 1
        if len(dates) >= needed:
            met = dates[needed - 1]
    elif dates and not waiting and len(dates) >= 2:
        met = max([*dates, *[d for d in withdrawals if d <= _today()]])
    AgreementVersion.objects.filter(agreement=agreement, number=agreement.version).update(
        signed_on=met)
    # The agreement is signed from the first day any version's rule was met; until an
    # amendment is signed, the earlier signed version stays in force.
    signed_on = agreement.versions.aggregate(first=Min("signed_on"))["first"]
    if signed_on != agreement.signed_on or hasattr(agreement, "skip_history_when_saving"):
        agreement.signed_on = signed_on
        _save(agreement, user, ["signed_on", "opened_on", "updated_at"])


# --- parties -------------------------------------------------------------------------------


@transaction.atomic
def party_add(
    *, agreement: Agreement, organisation, user=None, **data: Unpack[PartyFields],
) -> Party:
    _require_editable(agreement)
    unknown = set(data) - set(PARTY_FIELDS)
    if unknown:
        raise TypeError(f"unknown party fields: {sorted(unknown)}")
    if organisation.forum_id != agreement.forum.root.pk:
        raise ValidationError({"organisation": _("A szervezet nem szerepel a fórum címtárában.")})
    if agreement.parties.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Ez a szervezet már szerepel a felek "
                                                 "között.")})
    if agreement.kind == AgreementKind.BILATERAL and agreement.parties.filter(
            withdrawn_on__isnull=True).count() >= 2:
        raise ValidationError({"organisation": _("Kétoldalú megállapodásnak két fele van.")})
    if "order" not in data:
        data["order"] = agreement.parties.count() + 1
    party = Party(agreement=agreement, organisation=organisation, **data)
    _save(party, user)
    _recompute(agreement, user)
    return party


@transaction.atomic
def party_update(*, party: Party, user=None, **data: Unpack[PartyFields]) -> Party:
    _require_editable(party.agreement)
    unknown = set(data) - set(PARTY_FIELDS)
    if unknown:
        raise TypeError(f"unknown party fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(party, name, value)
    _save(party, user, list(data.keys()))
    return party


@transaction.atomic
def party_remove(*, party: Party, user=None) -> None:
    """Remove a party added by mistake; a party that signed anything withdraws instead."""
    agreement = party.agreement
    _require_editable(agreement)
    if party.signatures.exists():
        raise ValidationError(_("Aláírt fél nem törölhető; rögzítse a kilépését."))
    set_history_user(party, user)
    party.delete()
    _recompute(agreement, user)


@transaction.atomic
def party_withdraw(*, party: Party, on: datetime.date, reason: str, user=None) -> Party:
    agreement = party.agreement
    _require_editable(agreement)
    if party.withdrawn_on:
        raise ValidationError(_("Ez a fél már kilépett."))
    if on < agreement.drafted_on:
        raise ValidationError({"withdrawn_on": _(
            "A kilépés napja nem lehet korábbi a megállapodás tervezeténél.")})
    signature = party.current_signature
    if signature and on < signature.signed_on:
        raise ValidationError({"withdrawn_on": _(
            "A kilépés napja nem lehet korábbi a fél aláírásánál.")})
    if not (reason or "").strip():
        raise ValidationError({"withdrawal_reason": _("Adja meg a kilépés okát.")})
    party.withdrawn_on = on
    party.withdrawal_reason = reason.strip()
    _save(party, user, ["withdrawn_on", "withdrawal_reason"])
    _recompute(agreement, user)
    return party


# --- signatures ----------------------------------------------------------------------------


def text_drafted_on(agreement: Agreement) -> datetime.date:
    """The day the text being signed (the current version) was drafted: the agreement's
    `drafted_on` for the first version, the day a later version was written otherwise."""
    if agreement.version == 1:
        return agreement.drafted_on
    version = AgreementVersion.objects.get(agreement=agreement, number=agreement.version)
    return timezone.localtime(version.created_at).date()


@transaction.atomic
def signature_record(*, party: Party, signed_on: datetime.date, signatory_name: str,
                     signatory_position: str = "", scan=None, user=None,
                     method: str = SignatureMethod.PAPER) -> Signature:
    agreement = party.agreement
    _require_editable(agreement)
    if agreement.status == Status.DRAFT:
        raise ValidationError(_("A megállapodás még tervezet: előbb bocsássa aláírásra."))
    if party.withdrawn_on:
        raise ValidationError(_("Kilépett fél nem írhatja alá a megállapodást."))
    errors: dict[str, str] = {}
    problem = signature_day_problem(signed_on, text_drafted_on(agreement))
    if problem:
        errors["signed_on"] = problem
    if not (signatory_name or "").strip():
        errors["signatory_name"] = _("Adja meg, ki írta alá.")
    if Signature.objects.filter(party=party, version=agreement.version).exists():
        errors["signed_on"] = _("Ez a fél ezt a szövegváltozatot már aláírta.")
    if errors:
        raise ValidationError(errors)
    signature = Signature(
        party=party, version=agreement.version, signed_on=signed_on, method=method,
        signatory_name=signatory_name.strip(), signatory_position=signatory_position.strip(),
        recorded_by=user if _is_user(user) else None,
    )
    if scan:
        signature.scan = scan
    _save(signature, user)
    if not party.signatory_name:
        party_update(party=party, user=user, signatory_name=signature.signatory_name,
                     signatory_position=signature.signatory_position)
    _recompute(agreement, user)
    return signature


@transaction.atomic
def signature_accept(*, party: Party, user, position: str = "") -> Signature:
    """A party's representative accepts the agreement on the platform (electronic
    acceptance): signed today, by the user, recorded with who and when."""
    name = (user.get_full_name() or user.email).strip()
    return signature_record(party=party, signed_on=_today(), signatory_name=name,
                            signatory_position=position, user=user,
                            method=SignatureMethod.ELECTRONIC)


@transaction.atomic
def signature_delete(*, signature: Signature, user=None) -> None:
    """Undo a signature recorded by mistake (only of the current version)."""
    agreement = signature.party.agreement
    _require_editable(agreement)
    if signature.version != agreement.version:
        raise ValidationError(_("Korábbi szövegváltozat aláírása nem törölhető."))
    set_history_user(signature, user)
    if signature.scan:
        signature.scan.delete(save=False)
    signature.delete()
    _recompute(agreement, user)


# --- commitments ---------------------------------------------------------------------------


@transaction.atomic
def commitment_create(
    *, agreement: Agreement, user=None, **data: Unpack[CommitmentFields],
) -> Commitment:
    _require_editable(agreement)
    unknown = set(data) - set(COMMITMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown commitment fields: {sorted(unknown)}")
    data.setdefault("order", agreement.commitments.count() + 1)
    commitment = Commitment(agreement=agreement, **data)
    _save(commitment, user)
    return commitment


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, user=None, **data: Unpack[CommitmentFields],
) -> Commitment:
    unknown = set(data) - set(COMMITMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown commitment fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(commitment, name, value)
    _save(commitment, user, list(data.keys()))
    return commitment


@transaction.atomic
def commitment_note_add(*, commitment: Commitment, noted_on: datetime.date, status: str,
                        text: str, user=None) -> CommitmentNote:
    if noted_on > _today():
        raise ValidationError({"noted_on": _("A megjegyzés dátuma nem lehet jövőbeli.")})
    note = CommitmentNote(commitment=commitment, noted_on=noted_on, status=status,
                          text=(text or "").strip(), author=user if _is_user(user) else None)
    note.full_clean()
    note.save()
    latest = commitment.notes.order_by("-noted_on", "-pk").first()
    if latest is not None and latest.status != commitment.status:
        commitment_update(commitment=commitment, user=user, status=latest.status)
    return note


# --- links (plan measures and service gaps land in other apps) ----------------------------


def commitment_link_measure(*, commitment: Commitment, measure, user=None):
    """Point a commitment at the plan measure it serves (kind "measure")."""
    return links.link_create(source=_with_forum(commitment), target=measure, kind="measure",
                             user=user if _is_user(user) else None)


def agreement_link_gap(*, agreement: Agreement, gap, user=None):
    """Record that an agreement addresses a service gap (kind "addresses")."""
    return links.link_create(source=agreement, target=gap, kind="addresses",
                             user=user if _is_user(user) else None)


def _with_forum(commitment: Commitment) -> Commitment:
    """core/records/links.py finds a record's forum on the record: a commitment's is its
    agreement's."""
    commitment.forum_id = commitment.agreement.forum_id  # type: ignore[attr-defined]
    commitment.forum = commitment.agreement.forum  # type: ignore[attr-defined]
    return commitment


# --- templates -----------------------------------------------------------------------------


@transaction.atomic
def template_save(*, forum, template: AgreementTemplate | None = None, user=None, kind: str,
                  name: str, body: str) -> AgreementTemplate:
    template = template or AgreementTemplate(forum=forum)
    template.kind, template.name, template.body = kind, name.strip(), sanitize(body)
    _save(template, user)
    return template


@transaction.atomic
def template_delete(*, template: AgreementTemplate, user=None) -> None:
    set_history_user(template, user)
    template.delete()
