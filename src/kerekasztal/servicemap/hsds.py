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
    """Built from plain values (the points' fields and those of their settlement, type and
    organisation; the served settlements by one query), not from model instances."""
    from kerekasztal.core.exports.rows import related_values

    from .models import ServiceCategory

    qs = queries.point_list(forum).prefetch_related(None)
    served = related_values(qs, "served_settlements", "pk", "name", "ksh_code")
    categories = {code: str(label) for code, label in ServiceCategory.choices}
    organizations: dict[str, dict] = {}
    services, locations, at_locations, areas = [], [], [], []
    for point in qs.values(
            "pk", "organisation_id", "organisation__email", "organisation__website",
            "provider_name", "lat", "lon", "address", "updated_at", "verified_on", "capacity",
            "capacity_unit", "opening_hours", "contact", "source", "settlement_id",
            "settlement__name", "settlement__ksh_code", "settlement__lat", "settlement__lon",
            "settlement__postal_code_main", "service_type__name",
            "service_type__description", "service_type__category", "service_type__code"):
        pk, provider = point["pk"], point["provider_name"]
        org_key = (_id("organisation", point["organisation_id"]) if point["organisation_id"]
                   else _id("provider", slugify(provider)))
        organizations.setdefault(org_key, {
            "id": org_key, "name": provider, "description": "",
            "email": point["organisation__email"] or None,
            "website": point["organisation__website"] or None,
        })
        service_id = _id("service", pk)
        location_id = _id("location", pk)
        lat = point["lat"] if point["lat"] is not None else point["settlement__lat"]
        lon = point["lon"] if point["lon"] is not None else point["settlement__lon"]
        category = point["service_type__category"]
        services.append({
            "id": service_id, "organization_id": org_key, "name": point["service_type__name"],
            "description": point["service_type__description"] or None, "status": "active",
            "email": None, "url": None,
            "last_modified": point["updated_at"].isoformat(),
            "assured_date": point["verified_on"].isoformat() if point["verified_on"] else None,
            "categories": [categories.get(category, category)],
            "service_type_code": point["service_type__code"],
            "capacity": point["capacity"], "capacity_unit": point["capacity_unit"] or None,
            "schedule_description": point["opening_hours"] or None,
            "contact": point["contact"] or None, "source": point["source"] or None,
        })
        settlement_name = point["settlement__name"]
        locations.append({
            "id": location_id, "organization_id": org_key, "location_type": "physical",
            "name": f"{provider} – {settlement_name}",
            "latitude": lat, "longitude": lon,
            "addresses": [{"address_1": point["address"], "city": settlement_name,
                           "postal_code": point["settlement__postal_code_main"],
                           "country": "HU", "address_type": "physical"}],
        })
        at_locations.append({"id": _id("sal", pk), "service_id": service_id,
                             "location_id": location_id})
        for settlement_pk, name, ksh_code in [
                (point["settlement_id"], settlement_name, point["settlement__ksh_code"]),
                *served.get(pk, ())]:
            areas.append({"id": _id("area", f"{pk}-{settlement_pk}"),
                          "service_id": service_id, "name": name,
                          "extent_type": "ksh_settlement_code",
                          "extent": ksh_code or str(settlement_pk)})
    return {
        "hsds_version": "3.0", "publisher": forum.name,
        "organizations": list(organizations.values()), "services": services,
        "locations": locations, "service_at_locations": at_locations,
        "service_areas": areas,
    }
