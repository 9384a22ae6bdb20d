"""A JSON export of the forum's service points following the Open Referral Human Services
Data Specification (HSDS 3.0) field names where they fit: organizations, services,
locations, service_at_locations and service_areas."""

from __future__ import annotations

from django.utils.text import slugify

from kerekasztal.forums.models import Forum

from . import queries


def _id(kind: str, value) -> str:
    return f"{kind}-{value}"


def hsds_document(forum: Forum) -> dict:
    points = list(queries.point_list(forum))
    organizations: dict[str, dict] = {}
    services, locations, at_locations, areas = [], [], [], []
    for point in points:
        org_key = (_id("organisation", point.organisation_id) if point.organisation_id
                   else _id("provider", slugify(point.provider_name)))
        organizations.setdefault(org_key, {
            "id": org_key, "name": point.provider_name, "description": "",
            "email": getattr(point.organisation, "email", "") or None,
            "website": getattr(point.organisation, "website", "") or None,
        })
        service_id = _id("service", point.pk)
        location_id = _id("location", point.pk)
        lat = point.lat if point.lat is not None else point.settlement.lat
        lon = point.lon if point.lon is not None else point.settlement.lon
        services.append({
            "id": service_id, "organization_id": org_key, "name": point.service_type.name,
            "description": point.service_type.description or None, "status": "active",
            "email": None, "url": None,
            "last_modified": point.updated_at.isoformat(),
            "assured_date": point.verified_on.isoformat() if point.verified_on else None,
            "categories": [point.service_type.get_category_display()],
            "service_type_code": point.service_type.code,
            "capacity": point.capacity, "capacity_unit": point.capacity_unit or None,
            "schedule_description": point.opening_hours or None,
            "contact": point.contact or None, "source": point.source or None,
        })
        locations.append({
            "id": location_id, "organization_id": org_key, "location_type": "physical",
            "name": f"{point.provider_name} – {point.settlement.name}",
            "latitude": lat, "longitude": lon,
            "addresses": [{"address_1": point.address, "city": point.settlement.name,
                           "postal_code": point.settlement.postal_code_main,
                           "country": "HU", "address_type": "physical"}],
        })
        at_locations.append({"id": _id("sal", point.pk), "service_id": service_id,
                             "location_id": location_id})
        for settlement in [point.settlement, *point.served_settlements.all()]:
            areas.append({"id": _id("area", f"{point.pk}-{settlement.pk}"),
                          "service_id": service_id, "name": settlement.name,
                          "extent_type": "ksh_settlement_code",
                          "extent": getattr(settlement, "ksh_code", "") or str(settlement.pk)})
    return {
        "hsds_version": "3.0", "publisher": forum.name,
        "organizations": list(organizations.values()), "services": services,
        "locations": locations, "service_at_locations": at_locations,
        "service_areas": areas,
    }
