"""Boundaries from the shipped GeoJSON, projected to SVG paths. No tile server, no network."""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .services import DATA_DIR

Level = Literal["settlements", "districts", "counties"]
_CODE_PROPERTY = {
    "settlements": "ksh_code", "districts": "district_code", "counties": "county_code",
}


@dataclass(frozen=True)
class Shape:
    code: str
    path: str


@dataclass(frozen=True)
class Projection:
    view_box: str
    shapes: tuple[Shape, ...]
    points: dict[str, tuple[float, float]]


@lru_cache(maxsize=3)
def _features(level: Level) -> dict[str, list[list[list[float]]]]:
    """Code → list of rings (outer and holes, all polygons flattened)."""
    with (DATA_DIR / f"{level}.geojson").open(encoding="utf-8") as handle:
        collection = json.load(handle)
    result: dict[str, list[list[list[float]]]] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        code = feature["properties"][_CODE_PROPERTY[level]]
        result.setdefault(code, []).extend(ring for polygon in polygons for ring in polygon)
    return result


def project(
    level: Level,
    codes: list[str] | None = None,
    *,
    width: float = 800.0,
    points: dict[str, tuple[float, float]] | None = None,
) -> Projection:
    """Project the boundaries of `codes` (all of the level when None) into an SVG box.

    `points` (key → (lat, lon)) are projected into the same box, e.g. settlement centres.
    The boundaries never change while the process runs, so a projection without points is
    made once per level, codes and width (a forum's maps draw the same settlements again
    and again: the SZÚT report draws one map per service type).
    """
    if not points:
        return _project_once(level, None if codes is None else tuple(codes), width)
    return _project(level, codes, width, points)


@lru_cache(maxsize=512)
def _project_once(level: Level, codes: tuple[str, ...] | None, width: float) -> Projection:
    return _project(level, None if codes is None else list(codes), width, None)


def _project(
    level: Level,
    codes: list[str] | None,
    width: float,
    points: dict[str, tuple[float, float]] | None,
) -> Projection:
    features = _features(level)
    selected = {code: features[code] for code in (features if codes is None else codes)
                if code in features}
    rings = [ring for rs in selected.values() for ring in rs]
    if not rings:
        return Projection("0 0 1 1", (), {})
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span = max((max_lon - min_lon) * kx, 1e-9)
    scale = width / span
    height = (max_lat - min_lat) * scale

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - min_lon) * kx * scale, 1), round((max_lat - lat) * scale, 1))

    shapes = []
    for code, code_rings in selected.items():
        parts = []
        for ring in code_rings:
            coords = [xy(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in coords) + "Z")
        shapes.append(Shape(code, "".join(parts)))
    projected_points = {key: xy(lon, lat) for key, (lat, lon) in (points or {}).items()}
    return Projection(f"0 0 {width:g} {round(height, 1):g}", tuple(shapes), projected_points)
