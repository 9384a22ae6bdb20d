"""Loading the shipped reference data. Idempotent: a second run with the same files is a no-op."""

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Model

from .models import County, District, ReferenceDataVersion, Settlement

DATA_DIR = Path(__file__).resolve().parent / "data"
_FILES = ("counties.csv", "districts.csv", "settlements.csv")


@dataclass(frozen=True)
class LoadResult:
    changed: bool
    counties: int
    districts: int
    settlements: int


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _checksum() -> str:
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def _flag(value: str) -> bool:
    return value.strip().lower() == "true"


def _upsert(model: type[Model], objects: list[Model], unique: str) -> None:
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name != unique
    ]
    model._default_manager.bulk_create(
        objects, update_conflicts=True, unique_fields=[unique], update_fields=fields,
        batch_size=500,
    )


@transaction.atomic
def territory_load(*, force: bool = False) -> LoadResult:
    checksum = _checksum()
    version = ReferenceDataVersion.objects.filter(name="territory").first()
    if version and version.checksum == checksum and not force:
        return LoadResult(False, County.objects.count(), District.objects.count(),
                          Settlement.objects.count())

    _upsert(County, [
        County(code=r["county_code"], name=r["name"], nuts3=r["nuts3"], seat=r["seat"],
               population=int(r["population"]), area_ha=int(r["area_ha"]))
        for r in _rows("counties.csv")
    ], "code")
    counties = dict(County.objects.values_list("code", "id"))

    _upsert(District, [
        District(code=r["district_code"], name=r["name"], seat=r["seat"],
                 county_id=counties[r["county_code"]],
                 is_budapest_district=_flag(r["is_budapest_district"]),
                 population=int(r["population"]), area_ha=int(r["area_ha"]))
        for r in _rows("districts.csv")
    ], "code")
    districts = dict(District.objects.values_list("code", "id"))

    _upsert(Settlement, [
        Settlement(
            ksh_code=r["ksh_code"], name=r["name"], status=r["status"],
            is_county_seat=_flag(r["is_county_seat"]),
            is_district_seat=_flag(r["is_district_seat"]),
            county_id=counties[r["county_code"]],
            district_id=districts.get(r["district_code"]) if r["district_code"] else None,
            population=int(r["population"]), area_ha=int(r["area_ha"]),
            dwellings=int(r["dwellings"]), postal_code_main=r["postal_code_main"],
            postal_codes=r["postal_codes"], lat=float(r["lat"]), lon=float(r["lon"]),
            geonames_id=int(r["geonames_id"]) if r["geonames_id"] else None,
        )
        for r in _rows("settlements.csv")
    ], "ksh_code")

    ReferenceDataVersion.objects.update_or_create(
        name="territory", defaults={"checksum": checksum}
    )
    return LoadResult(True, County.objects.count(), District.objects.count(),
                      Settlement.objects.count())
