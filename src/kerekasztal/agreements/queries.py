"""Reads of agreements shared by pages, documents and the API (prefetched: the number of
queries does not grow with the data)."""

from __future__ import annotations

import datetime
import difflib
import html
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from kerekasztal.core import access
from kerekasztal.core.models import Link
from kerekasztal.core.records import links as core_links
from kerekasztal.core.richtext import as_html
from kerekasztal.core.text import fold

from .models import (
    SIGNED_STATUSES,
    Agreement,
    AgreementVersion,
    Commitment,
    CommitmentNote,
    Party,
    Signature,
)
from .templates_text import fill


def _parties_prefetch() -> Prefetch:
    return Prefetch("parties", Party.objects.select_related("organisation__seat")
                    .prefetch_related("signatures").order_by("order", "pk"))


def list_rows(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """What a list page's rows show (title, kind, status, parties' names, topics): without
    the text, signatures, target groups and versions the detail pages and exports load."""
    return (qs.defer("body").prefetch_related(None).prefetch_related(
        Prefetch("parties", Party.objects.select_related("organisation")
                 .only("agreement_id", "organisation_id", "order", "organisation__name")
                 .order_by("order", "pk")),
        "topics",
    ))


def agreement_list(user, forum, *, q: str = "", kind: str = "", status: str = "",
                   day: datetime.date | None = None) -> QuerySet[Agreement]:
    qs = (
        access.agreements_visible(user, forum)
        .with_status(day)
        .prefetch_related(_parties_prefetch(), "topics", "target_groups")
        .order_by("-created_at")
    )
    if q:
        qs = qs.filter(title__icontains=q.strip())
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status_code=status)
    return qs


def agreement_detail(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_related("forum", "created_by")
        .prefetch_related(
            _parties_prefetch(),
            "topics", "target_groups",
            Prefetch("commitments", Commitment.objects.select_related("party__organisation")
                     .prefetch_related(Prefetch("notes", CommitmentNote.objects
                                                .select_related("author")))
                     .order_by("order", "pk")),
            Prefetch("versions", AgreementVersion.objects.select_related("created_by")
                     .order_by("number")),
        )
        .get(pk=agreement.pk)
    )


def party_label(party: Party) -> str:
    seat = party.organisation.seat
    return f"{party.organisation.name} ({seat.name})" if seat else party.organisation.name


def body_html(agreement: Agreement, body: str | None = None, title: str | None = None
              ) -> SafeString:
    """The agreement's text with its placeholders filled in, sanitised."""
    parties = [party_label(p) for p in agreement.parties.all() if not p.is_withdrawn]
    return as_html(fill(
        agreement.body if body is None else body,
        forum_name=agreement.forum.name, title=title or agreement.title, parties=parties,
        valid_from=agreement.valid_from, valid_until=agreement.valid_until,
        place=agreement.place,
    ))


def public_text(agreement: Agreement) -> SafeString | None:
    """The text in force (the latest signed version), when the coordinator published it."""
    version = agreement.signed_version() if agreement.text_public else None
    return body_html(agreement, version.body, version.title) if version else None


def my_commitments(forum, organisation_ids) -> QuerySet[Commitment]:
    """Commitments of the user's organisations (their own and those of every party) in
    agreements they are party to."""
    if not organisation_ids:
        return Commitment.objects.none()
    return (
        Commitment.objects.filter(agreement__forum=forum,
                                  agreement__parties__organisation_id__in=organisation_ids)
        .filter(Q(party__isnull=True) | Q(party__organisation_id__in=organisation_ids))
        .select_related("agreement", "party__organisation")
        .distinct()
        .order_by("due_on", "pk")
    )


def awaiting_signature(forum, organisation_ids) -> QuerySet[Party]:
    """Parties of the user's organisations in agreements open for signature that have not
    signed the current text: what a member's workspace offers to sign."""
    if not organisation_ids:
        return Party.objects.none()
    return (
        Party.objects.filter(agreement__forum=forum, organisation_id__in=organisation_ids,
                             withdrawn_on__isnull=True, agreement__opened_on__isnull=False,
                             agreement__terminated_on__isnull=True)
        .exclude(signatures__version=F("agreement__version"))
        .select_related("agreement", "organisation")
        .order_by("agreement__opened_on", "pk")
    )


# --- links to records of other apps --------------------------------------------------------


@dataclass(frozen=True)
class Linked:
    label: str
    url: str | None


def _linked(record) -> Linked:
    url = core_links.record_url(record)
    if url is None and hasattr(record, "get_absolute_url"):
        try:
            url = record.get_absolute_url()
        except Exception:  # noqa: BLE001 - a record of another app that cannot give a URL
            url = None
    return Linked(str(record), url)


def linked_targets(records, kind: str) -> dict[int, list[Linked]]:
    """Record pk → what it links to (kind), shown generically: str and URL when there is one.
    One query for the links, one per linked model."""
    records = list(records)
    if not records:
        return {}
    content_type = ContentType.objects.get_for_model(records[0])
    links = list(Link.objects.filter(source_type=content_type,
                                     source_id__in=[r.pk for r in records], kind=kind)
                 .values_list("source_id", "target_type_id", "target_id"))
    by_type: dict[int, set[int]] = defaultdict(set)
    for _source, type_id, target_id in links:
        by_type[type_id].add(target_id)
    found = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            for target in model._default_manager.select_related(
                    core_links.forum_path(model)).filter(pk__in=pks):
                found[(type_id, target.pk)] = _linked(target)
    result: dict[int, list[Linked]] = defaultdict(list)
    for source_id, type_id, target_id in links:
        if (type_id, target_id) in found:
            result[source_id].append(found[(type_id, target_id)])
    return dict(result)


# --- history -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    who: str
    what: str
    kind: str  # "+", "~", "-"


def history(agreement: Agreement, limit: int = 50) -> list[Change]:
    """Every change of the agreement, its parties, signatures and commitments: who, when."""
    party_ids = [p.pk for p in agreement.parties.all()]
    sources = [
        (Agreement.history.filter(id=agreement.pk), lambda h: h.title),
        (Party.history.filter(agreement_id=agreement.pk), lambda h: h.organisation.name),
        (Signature.history.filter(party_id__in=party_ids),
         lambda h: f"{h.signatory_name}, {h.signed_on:%Y-%m-%d}"),
        (Commitment.history.filter(agreement_id=agreement.pk), lambda h: h.text[:60]),
    ]
    changes = []
    for qs, describe in sources:
        model_name = qs.model.instance_type._meta.verbose_name
        related = ["history_user"] + (["organisation"] if qs.model.instance_type is Party
                                      else [])
        for record in qs.select_related(*related).order_by("-history_date")[:limit]:
            changes.append(Change(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "–",
                what=f"{model_name}: {describe(record)}",
                kind=record.history_type,
            ))
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:limit]


# --- versions and their differences -------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def text_lines(body: str) -> list[str]:
    """Plain lines of a rich text (one per paragraph, heading or list item)."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", body or "")))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class DiffLine:
    op: str  # "same", "added", "removed"
    text: str


def version_diff(old: AgreementVersion, new: AgreementVersion) -> list[DiffLine]:
    old_lines = [f"# {old.title}", *text_lines(old.body)]
    new_lines = [f"# {new.title}", *text_lines(new.body)]
    result = []
    for line in difflib.ndiff(old_lines, new_lines):
        code, text = line[:2], line[2:]
        if code == "  ":
            result.append(DiffLine("same", text))
        elif code == "- ":
            result.append(DiffLine("removed", text))
        elif code == "+ ":
            result.append(DiffLine("added", text))
    return result


# --- the public register ------------------------------------------------------------------


def public_agreements(forums) -> QuerySet[Agreement]:
    """Signed agreements of the forums (never drafts or agreements open for signature)."""
    today = timezone.localdate()
    return (
        Agreement.objects.filter(forum__in=forums)
        .with_status_in(SIGNED_STATUSES, today)
        .select_related("forum")
        .prefetch_related(_parties_prefetch(), "topics", "target_groups", "versions")
        .order_by("-signed_on", "-pk")
    )


def public_register(forum, *, q: str = "", kind: str = "") -> QuerySet[Agreement]:
    qs = public_agreements([forum])
    if q:
        key = fold(q)
        qs = qs.filter(Q(title__icontains=q.strip()) | Q(purpose__icontains=q.strip())
                       | Q(parties__organisation__name_key__contains=key)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def signatures_of(agreement: Agreement) -> list[Signature]:
    return list(chain.from_iterable(p.signatures.all() for p in agreement.parties.all()))


def agreements_for_export(qs: QuerySet[Agreement]):
    """The agreements of `qs` (a list's queryset, `status_code` annotated) as plain values
    for an export, with parties, topics and target groups joined ("a; b") and the first day
    of force: four queries for any number, no model instances (core/exports/rows.py)."""
    from kerekasztal.core.exports.rows import joined, related_values
    from kerekasztal.core.models import TARGET_GROUP_LABELS

    qs = qs.prefetch_related(None)
    parties: dict[int, list[str]] = defaultdict(list)
    for agreement_id, name in (Party.objects.filter(agreement__in=qs.order_by().values("pk"))
                               .order_by("order", "pk")
                               .values_list("agreement_id", "organisation__name")):
        parties[agreement_id].append(name)
    topics = related_values(qs, "topics", "name")
    groups = related_values(qs, "target_groups", "code", "name")
    # status_code is the queryset's annotation, which the type stubs cannot see
    fields = ("pk", "title", "kind", "purpose", "status_code", "signed_on", "valid_from",
              "valid_until", "terminated_on", "version")
    for row in qs.values(*fields):
        pk, signed_on, valid_from = row["pk"], row["signed_on"], row["valid_from"]
        row["parties"] = "; ".join(parties.get(pk, ()))
        row["topics"] = joined(topics, pk)
        row["target_groups"] = joined(
            groups, pk, lambda code, name: TARGET_GROUP_LABELS.get(code, name))
        row["in_force_from"] = (None if not signed_on else
                                max(signed_on, valid_from) if valid_from else signed_on)
        yield row
