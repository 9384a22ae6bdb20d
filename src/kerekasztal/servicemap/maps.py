"""The coverage map: the forum's settlements from the shipped boundaries, each coloured by
its coverage of one service type or by its number of gaps. The same rows feed the
accessible table beside the map, so map and table cannot disagree."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kerekasztal.territory.geo import project

from .coverage import Cell, Status
from .queries import ForumCoverage

# The colours of servicemap.css, for documents (fill attributes, so the SVG needs no stylesheet).
FILLS = {
    "sm-local": "#8fd19e", "sm-served": "#ffe08a", "sm-gap": "#e8857b", "sm-none": "#e4e4e4",
    "sm-nodata": "#f7f7f7", "sm-n0": "#d7ecd9",
    "sm-n1": "#ffe08a", "sm-n2": "#f4a259", "sm-n3": "#d9534f",
}


@dataclass(frozen=True)
class MapRow:
    code: str
    name: str
    css: str
    label: str
    detail: str

    @property
    def fill(self) -> str:
        return FILLS[self.css]


@dataclass
class CoverageMap:
    view_box: str
    title: str
    shapes: list[tuple[str, MapRow]]  # (SVG path, row)
    rows: list[MapRow]
    legend: list[tuple[str, str, int]]  # (css class, label, number of settlements)
    place_label: str = ""  # the table's first column: settlement (default) or district

    @property
    def print_legend(self) -> list[tuple[str, str, int]]:
        return [(FILLS[css], label, count) for css, label, count in self.legend]


def _type_category(cell: Cell) -> tuple[str, str]:
    if cell.is_gap:
        return "sm-gap", _("Hiány")
    if cell.status == Status.LOCAL:
        return "sm-local", _("Helyben elérhető")
    if cell.status == Status.SERVED:
        return "sm-served", _("Másik településről elérhető")
    return "sm-none", _("Nem érhető el (nem elvárt)")


TYPE_LEGEND = ["sm-local", "sm-served", "sm-gap", "sm-none"]
COUNT_BUCKETS = [(0, 0, "sm-n0"), (1, 2, "sm-n1"), (3, 5, "sm-n2"), (6, 10_000, "sm-n3")]


def cell_detail(cell: Cell) -> str:
    if cell.status == Status.LOCAL:
        return cell.provider.provider if cell.provider else ""
    if cell.provider is None:
        return _("nincs szolgáltató a térségben")
    where = f"{cell.provider.provider} ({cell.provider.seat.name}, {cell.distance:g} km)"
    if cell.status == Status.SERVED:
        return where
    return _("legközelebbi: %s") % where


def _bucket_label(low: int, high: int) -> str:
    if low == high:
        return _("nincs hiány") if low == 0 else str(low)
    if high >= 10_000:
        return _("%(n)s vagy több hiány") % {"n": low}
    return _("%(low)s–%(high)s hiány") % {"low": low, "high": high}


def coverage_map(data: ForumCoverage, type_id: int | None, *, width: int = 640) -> CoverageMap:
    rows = []
    for settlement in data.settlements:
        if type_id is not None:
            cell = data.coverage.cell(settlement.pk, type_id)
            css, label = _type_category(cell)
            rows.append(MapRow(settlement.ksh_code, settlement.name, css, label,
                               cell_detail(cell)))
        else:
            count = data.coverage.gap_count(settlement.pk)
            css = next(c for low, high, c in COUNT_BUCKETS if low <= count <= high)
            names = ", ".join(data.type(c.type_id).name for c in data.coverage.row(settlement.pk)
                              if c.is_gap)
            rows.append(MapRow(settlement.ksh_code, settlement.name, css,
                               _("%(n)s hiány") % {"n": count}, names))
    projection = project("settlements", [row.code for row in rows], width=width)
    by_code = {row.code: row for row in rows}
    shapes = [(shape.path, by_code[shape.code]) for shape in projection.shapes]
    if type_id is not None:
        title = _("%(type)s elérhetősége településenként") % {"type": data.type(type_id).name}
        labels = {"sm-local": _("Helyben elérhető"),
                  "sm-served": _("Másik településről elérhető"),
                  "sm-gap": _("Hiány"), "sm-none": _("Nem érhető el (nem elvárt)")}
        legend = [(css, labels[css], sum(r.css == css for r in rows)) for css in TYPE_LEGEND]
    else:
        title = _("Szolgáltatáshiányok száma településenként")
        legend = [(css, _bucket_label(low, high), sum(r.css == css for r in rows))
                  for low, high, css in COUNT_BUCKETS]
    return CoverageMap(projection.view_box, title, shapes, rows, legend)


def district_map(names: dict[str, str], counts: dict[str, int], mapped: set[str], *,
                 width: int = 900) -> CoverageMap:
    """Hungary's districts coloured by their number of published open gaps; districts without
    recorded service points have no data."""
    rows = []
    for code, name in names.items():
        if code not in mapped and not counts.get(code):
            rows.append(MapRow(code, name, "sm-nodata", _("nincs adat"), ""))
            continue
        count = counts.get(code, 0)
        css = next(c for low, high, c in COUNT_BUCKETS if low <= count <= high)
        rows.append(MapRow(code, name, css, _("%(n)s hiány") % {"n": count}, ""))
    projection = project("districts", list(names), width=width)
    by_code = {row.code: row for row in rows}
    shapes = [(shape.path, by_code[shape.code]) for shape in projection.shapes]
    legend = [("sm-nodata", _("nincs adat"), sum(r.css == "sm-nodata" for r in rows))] + [
        (css, _bucket_label(low, high), sum(r.css == css for r in rows))
        for low, high, css in COUNT_BUCKETS]
    return CoverageMap(projection.view_box,
                       _("Közzétett szolgáltatáshiányok járásonként"), shapes, rows, legend,
                       place_label=_("Járás"))


def _rings(path: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path written by `territory.geo.project` ("Mx yLx y…Z…")."""
    rings = []
    for part in path.split("Z"):
        part = part.strip().lstrip("M")
        if part:
            rings.append([tuple(float(v) for v in point.split()) for point in part.split("L")])
    return rings


def svg(coverage_map: CoverageMap) -> str:
    """The map as a standalone SVG document, for PDFs (drawn like the page's map)."""
    from django.utils.html import escape

    paths = "".join(
        f'<path d="{escape(path)}" fill="{escape(row.fill)}" stroke="#222" '
        f'stroke-width="0.6" fill-rule="evenodd"/>' for path, row in coverage_map.shapes)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{escape(coverage_map.view_box)}">'
            f"{paths}</svg>")


def png(coverage_map: CoverageMap, *, scale: float = 2.0) -> bytes:
    """The map as a PNG picture, for Word documents (python-docx cannot embed SVG). Drawn as
    the PDF's SVG is: each settlement in its category's colour, holes left open (even-odd),
    a thin dark outline."""
    from PIL import Image, ImageChops, ImageDraw

    _, _, width, height = (float(v) for v in coverage_map.view_box.split())
    size = (max(1, math.ceil(width * scale)) + 2, max(1, math.ceil(height * scale)) + 2)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    outlines = []
    for path, row in coverage_map.shapes:
        rings = [[(x * scale + 1, y * scale + 1) for x, y in ring] for ring in _rings(path)]
        if not rings:
            continue
        mask = Image.new("1", size, 0)
        for ring in rings:
            ring_mask = Image.new("1", size, 0)
            ImageDraw.Draw(ring_mask).polygon(ring, fill=1)
            mask = ImageChops.logical_xor(mask, ring_mask)
        image.paste(row.fill, (0, 0), mask)
        outlines.extend(rings)
    for ring in outlines:
        draw.line(ring + ring[:1], fill="#222222", width=1)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
