"""Inline SVG charts (no JavaScript): progress of an indicator over month ends, and map
shades for the per-settlement breakdown."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 320, 120, 24


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: str  # polyline points
    dots: list[tuple[float, float, str]]  # x, y, title
    target_y: float
    axis_y: float
    first: datetime.date | None
    last: datetime.date | None
    table: list[tuple[datetime.date, object]]


def progress_chart(series: list[tuple[datetime.date, object]], target) -> Chart:
    """The line of the measured values; days with no value yet (a manual indicator before
    its first value) get no point, so the line never shows a 0 nobody measured."""
    values = [Decimal(v) for _day, v in series if v is not None]
    top = max([Decimal(target or 0), *values, Decimal(1)])
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(len(series) - 1, 1)

    def y(value: Decimal) -> float:
        return round(PAD + inner_h - float(value / top) * inner_h, 1)

    dots = [(round(PAD + i * step, 1), y(Decimal(v)),
             f"{day.isoformat()}: {Decimal(v).normalize():f}")
            for i, (day, v) in enumerate(series) if v is not None]
    return Chart(
        width=WIDTH, height=HEIGHT, points=" ".join(f"{x},{yy}" for x, yy, _t in dots),
        dots=dots, target_y=y(Decimal(target or 0)), axis_y=PAD + inner_h,
        first=series[0][0] if series else None, last=series[-1][0] if series else None,
        table=series,
    )


# From pale to dark teal: enough contrast between the steps and against white.
SHADES = ["#f1f5f4", "#b9dcd4", "#7cbfb1", "#3d8f80", "#1f5f54"]


def shade(count: int, highest: int) -> str:
    if count <= 0:
        return SHADES[0]
    index = 1 + min(3, int((count - 1) * 4 / max(highest, 1)))
    return SHADES[index]
