"""Read endpoints of the public service map (mounted by the api app under /api/v1/servicemap/).
Only public data: service points, the catalogue, coverage computed from them, and the gaps a
forum published. Unpublished recorded gaps do not count in the coverage shown here."""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from kerekasztal.api.errors import reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.core import access

from . import queries
from .models import Gap

router = Router(tags=["servicemap"])


class ServiceTypeOut(Schema):
    code: str
    name: str
    category: str
    required_from_population: int | None
    local_from_population: int | None
    max_distance_km: int | None


class ServicePointOut(Schema):
    id: int
    service_type: str
    provider_name: str
    settlement: str
    settlement_ksh_code: str
    address: str
    served_settlements: list[str]
    capacity: int | None
    capacity_unit: str
    opening_hours: str
    verified_on: datetime.date | None


class CoverageOut(Schema):
    settlement: str
    settlement_ksh_code: str
    service_type: str
    status: str
    distance_km: float | None
    provider: str | None
    provider_settlement: str | None
    expected: bool
    gap: bool
    severity: int | None


class GapOut(Schema):
    id: int
    settlement: str
    service_type: str
    severity: int
    status: str
    found_on: datetime.date
    resolved_on: datetime.date | None
    description: str
    proposed_solution: str


def _forum(slug: str):
    return access.forum_public(slug)


@router.get("/types", response=list[ServiceTypeOut])
def types(request):
    return list(queries.service_types())


@router.get("/points", response=list[ServicePointOut])
@paginate(PageNumber)
def points(request, forum: str, service_type: str = ""):
    reject_unknown(request, {"forum", "service_type"})
    qs = queries.point_list(_forum(forum))
    if service_type:
        qs = qs.filter(service_type__code=service_type)
    return [
        {"id": p.pk, "service_type": p.service_type.code, "provider_name": p.provider_name,
         "settlement": p.settlement.name, "settlement_ksh_code": p.settlement.ksh_code,
         "address": p.address, "served_settlements": [s.name for s in p.served_settlements.all()],
         "capacity": p.capacity, "capacity_unit": p.capacity_unit,
         "opening_hours": p.opening_hours, "verified_on": p.verified_on}
        for p in qs
    ]


@router.get("/coverage", response=list[CoverageOut])
@paginate(PageNumber)
def coverage(request, forum: str, service_type: str = ""):
    reject_unknown(request, {"forum", "service_type"})
    data = queries.forum_coverage(_forum(forum))
    codes = {t.pk: t.code for t in data.types}
    result = []
    for settlement in data.settlements:
        for cell in data.coverage.row(settlement.pk):
            if service_type and codes[cell.type_id] != service_type:
                continue
            if cell.recorded_gap is not None and not cell.recorded_gap.is_public:
                cell.recorded_gap = None
            result.append({
                "settlement": settlement.name, "settlement_ksh_code": settlement.ksh_code,
                "service_type": codes[cell.type_id], "status": cell.status.value,
                "distance_km": cell.distance,
                "provider": cell.provider.provider if cell.provider else None,
                "provider_settlement": cell.provider.seat.name if cell.provider else None,
                "expected": cell.expected, "gap": cell.is_gap, "severity": cell.gap_severity,
            })
    return result


@router.get("/gaps", response=list[GapOut])
@paginate(PageNumber)
def gaps(request, forum: str):
    reject_unknown(request, {"forum"})
    qs = (Gap.objects.filter(forum=_forum(forum), is_public=True)
          .select_related("settlement", "service_type").order_by("settlement__name"))
    return [
        {"id": g.pk, "settlement": g.settlement.name, "service_type": g.service_type.code,
         "severity": g.severity, "status": g.status, "found_on": g.found_on,
         "resolved_on": g.resolved_on, "description": g.description,
         "proposed_solution": g.proposed_solution}
        for g in qs
    ]
