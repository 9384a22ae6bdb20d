"""Every write of the service map: keyword-only, one transaction, validated first."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kerekasztal.core.models import User
from kerekasztal.core.typeddata import check_fields, field_names
from kerekasztal.directory.models import Organisation
from kerekasztal.forums.models import Forum
from kerekasztal.territory.models import Settlement

from .coverage import Status
from .models import (
    Gap,
    GapStatus,
    Questionnaire,
    ReportComment,
    ServicePoint,
    ServiceRule,
    ServiceType,
)


class ServicePointFields(TypedDict, total=False):
    """What the services may set on a service point."""

    service_type: ServiceType
    provider_name: str
    organisation: Organisation | None
    settlement: Settlement
    address: str
    lat: float | None
    lon: float | None
    capacity: int | None
    capacity_unit: str
    opening_hours: str
    contact: str
    source: str
    verified_on: datetime.date | None
    operating_since: datetime.date | None
    operating_until: datetime.date | None


POINT_FIELDS = field_names(ServicePointFields)


def _check_organisation(forum: Forum, organisation) -> None:
    if organisation is not None and organisation.forum_id != forum.root.pk:
        raise ValidationError({"organisation": _("A szervezet nem ennek a fórumnak a "
                                                 "címtárában szerepel.")})


def _sync_active(point: ServicePoint) -> None:
    """A point whose operation ended before today no longer works."""
    if point.operating_until is not None:
        point.is_active = point.operating_until >= timezone.localdate()


@transaction.atomic
def service_point_create(*, forum: Forum, served_settlements: Iterable[Settlement] = (),
                         user: User | None = None,
                         **fields: Unpack[ServicePointFields]) -> ServicePoint:
    check_fields(fields, POINT_FIELDS, "service point")
    point = ServicePoint(forum=forum, **fields)
    _check_organisation(forum, point.organisation)
    _sync_active(point)
    point.full_clean()
    point.save()
    point.served_settlements.set(list(served_settlements))
    return point


@transaction.atomic
def service_point_update(*, point: ServicePoint, served_settlements: Iterable[Settlement],
                         user: User | None = None,
                         **fields: Unpack[ServicePointFields]) -> ServicePoint:
    check_fields(fields, POINT_FIELDS, "service point")
    for name, value in fields.items():
        setattr(point, name, value)
    _check_organisation(point.forum, point.organisation)
    _sync_active(point)
    point.full_clean()
    point.save()
    point.served_settlements.set(list(served_settlements))
    return point


@transaction.atomic
def service_point_set_active(*, point: ServicePoint, active: bool) -> ServicePoint:
    """Stopping a point ends its operation today (unless an end is recorded already);
    restarting it clears the end."""
    point.is_active = active
    if not active and point.operating_until is None:
        point.operating_until = timezone.localdate()
    elif active:
        point.operating_until = None
    point.save(update_fields=["is_active", "operating_until", "updated_at"])
    return point


@transaction.atomic
def service_rule_set(*, forum: Forum, service_type: ServiceType,
                     required_from_population: int | None, local_from_population: int | None,
                     max_distance_km: int | None, note: str = "") -> ServiceRule:
    rule, _created = ServiceRule.objects.get_or_create(forum=forum, service_type=service_type)
    rule.required_from_population = required_from_population
    rule.local_from_population = local_from_population
    rule.max_distance_km = max_distance_km
    rule.note = note
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def service_rule_reset(*, forum: Forum, service_type: ServiceType) -> None:
    ServiceRule.objects.filter(forum=forum, service_type=service_type).delete()


def _questionnaire_point(forum: Forum, service_type: ServiceType, seat: Settlement,
                         today: datetime.date) -> ServicePoint:
    return service_point_create(
        forum=forum, service_type=service_type, settlement=seat,
        provider_name=_("%(settlement)s (kérdőív szerint)") % {"settlement": seat.name},
        source=_("kérdőív"), verified_on=today,
    )


def _stop(points, today: datetime.date) -> None:
    points.filter(operating_until__isnull=True).update(operating_until=today)
    points.update(is_active=False, updated_at=timezone.now())


@transaction.atomic
def questionnaire_submit(
    *, forum: Forum, settlement: Settlement,
    answers: dict[ServiceType, tuple[str, Settlement | None]], user: User | None,
    note: str = "",
) -> Questionnaire:
    """Record a settlement's checklist and bring the service points in line with it.

    `answers` maps a type to (status, the settlement it is served from). "local" keeps or
    adds a point in the settlement; "served" puts the settlement into the service area of a
    point in the other settlement (adding one if none); "missing" takes the settlement out of
    every service area of that type. A local point contradicted by the answer is marked as
    no longer working, never deleted. An empty status leaves the type as it was.
    """
    if not forum.settlements().filter(pk=settlement.pk).exists():
        raise ValidationError(_("A település nem tartozik a fórum területéhez."))
    today = timezone.localdate()
    points = ServicePoint.objects.filter(forum=forum, is_active=True)
    for service_type, (status, source) in answers.items():
        if not status:
            continue
        of_type = points.filter(service_type=service_type)
        local = of_type.filter(settlement=settlement)
        if status == Status.LOCAL:
            if not local.exists():
                _questionnaire_point(forum, service_type, settlement, today)
            continue
        if status == Status.SERVED:
            if source is None or source.pk == settlement.pk:
                raise ValidationError({
                    f"from_{service_type.pk}": _("Adja meg, melyik másik településről érhető "
                                                 "el: %(type)s.") % {"type": service_type.name}
                })
            _stop(local, today)
            provider = of_type.filter(settlement=source).order_by("pk").first()
            if provider is None:
                provider = _questionnaire_point(forum, service_type, source, today)
            for point in of_type.filter(served_settlements=settlement).exclude(pk=provider.pk):
                point.served_settlements.remove(settlement)
            provider.served_settlements.add(settlement)
            continue
        if status == Status.MISSING:
            _stop(local, today)
            for point in of_type.filter(served_settlements=settlement):
                point.served_settlements.remove(settlement)
            continue
        raise ValueError(status)
    questionnaire, _created = Questionnaire.objects.update_or_create(
        forum=forum, settlement=settlement,
        defaults={"submitted_at": timezone.now(), "submitted_by": user, "note": note},
    )
    return questionnaire


class GapFields(TypedDict, total=False):
    """What the services may set on a new service gap."""

    settlement: Settlement
    service_type: ServiceType
    description: str
    severity: int
    found_on: datetime.date
    proposed_solution: str
    is_public: bool


class GapEditFields(TypedDict, total=False):
    """What may change on a recorded gap (resolving it is gap_resolve)."""

    description: str
    severity: int
    found_on: datetime.date
    proposed_solution: str
    is_public: bool
    status: str


GAP_FIELDS = field_names(GapFields)
GAP_EDIT_FIELDS = field_names(GapEditFields)


@transaction.atomic
def gap_record(*, forum: Forum, user: User | None = None, **fields: Unpack[GapFields]) -> Gap:
    check_fields(fields, GAP_FIELDS, "gap")
    gap = Gap(forum=forum, **fields)
    if gap.settlement_id and not forum.settlements().filter(pk=gap.settlement_id).exists():
        raise ValidationError({"settlement": _("A település nem tartozik a fórum területéhez.")})
    if Gap.objects.filter(forum=forum, settlement_id=gap.settlement_id,
                          service_type_id=gap.service_type_id).exclude(
                              status=GapStatus.RESOLVED).exists():
        raise ValidationError({"service_type": _("Ez a hiány már nyitottként szerepel.")})
    gap.full_clean()
    gap.save()
    return gap


@transaction.atomic
def gap_update(*, gap: Gap, user: User | None = None,
               **fields: Unpack[GapEditFields]) -> Gap:
    check_fields(fields, GAP_EDIT_FIELDS, "gap")
    for name, value in fields.items():
        setattr(gap, name, value)
    if gap.status == GapStatus.RESOLVED and not gap.resolved_on:
        raise ValidationError({"status": _("Megoldottnak a „Megoldás rögzítése” gombbal "
                                           "jelölje a hiányt.")})
    gap.full_clean()
    gap.save()
    return gap


@transaction.atomic
def gap_resolve(*, gap: Gap, resolved_on: datetime.date, resolution: str,
                user: User | None = None) -> Gap:
    gap.status = GapStatus.RESOLVED
    gap.resolved_on = resolved_on
    gap.resolution = resolution.strip()
    gap.full_clean()
    gap.save(update_fields=["status", "resolved_on", "resolution"])
    return gap


@transaction.atomic
def gap_reopen(*, gap: Gap) -> Gap:
    gap.status = GapStatus.OPEN
    gap.resolved_on = None
    gap.resolution = ""
    gap.full_clean()
    gap.save(update_fields=["status", "resolved_on", "resolution"])
    return gap


@transaction.atomic
def report_comment_add(*, forum: Forum, author: User, text: str) -> ReportComment:
    comment = ReportComment(forum=forum, author=author, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment
