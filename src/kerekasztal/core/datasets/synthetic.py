"""A deterministic synthetic dataset at national scale, for benchmarks and query budgets.

`kerekasztal generate-dataset --scale N --seed S` creates forums on the real territory
data and lets every app add its records through `kerekasztal.<app>.dataset.generate(ctx)`
(found by module name, in INSTALLED_APPS order). Volumes are given per forum at scale 1
(`ctx.count(100)` organisations per forum → 20,000 in 200 forums); the scale sets the
national volume, spread over `--forums` forums when given (fewer forums, fuller ones:
`ctx.density`). Everything is drawn
from one seeded random generator and written with bulk inserts.

Generated forums have slugs starting with `gen-`; `remove_generated()` deletes them.
"""

from __future__ import annotations

import datetime
import importlib
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.apps import apps
from django.db import models, transaction

T = TypeVar("T", bound=models.Model)

SLUG_PREFIX = "gen-"
FORUMS_AT_SCALE_1 = 200
BATCH = 2000

FAMILY_NAMES = [
    "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
    "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon",
    "Rácz", "Fekete", "Szilágyi", "Török", "Fehér", "Balázs", "Gál", "Kis", "Szűcs", "Kocsis",
    "Orsós", "Pintér", "Fodor", "Szalai", "Sipos", "Magyar", "Lukács", "Gulyás", "Biró",
]
GIVEN_NAMES = [
    "Katalin", "Péter", "Erzsébet", "József", "Andrea", "István", "Judit", "Zoltán", "Éva",
    "László", "Marija", "Gábor", "Mónika", "Tamás", "Ágnes", "Krisztina", "Ildikó", "János",
    "Zsuzsanna", "Attila", "Anikó", "Ferenc", "Tünde", "Csaba", "Gyöngyi", "Sándor", "Edit",
]


@dataclass
class DatasetContext:
    """What generators share: the scale, the random source and the records made so far."""

    scale: float
    seed: int
    density: float = 1.0
    forums: list[Any] = field(default_factory=list)
    progress: Callable[[str, int], None] = lambda label, n: None
    ids: dict[str, list[int]] = field(default_factory=dict)
    day_zero: datetime.date = datetime.date(2016, 1, 1)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 - reproducible, not secret

    def count(self, per_forum_at_scale_1: float) -> int:
        """How many records of a kind one forum gets (at least one): the scale-1 number per
        forum times the density (1 unless fewer forums hold the same volume)."""
        return max(1, round(per_forum_at_scale_1 * self.density))

    def person_name(self) -> str:
        return f"{self.rng.choice(FAMILY_NAMES)} {self.rng.choice(GIVEN_NAMES)}"

    def day(self, span_days: int = 3650) -> datetime.date:
        return self.day_zero + datetime.timedelta(days=self.rng.randrange(span_days))

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        return self.rng.sample(list(items), min(k, len(items)))

    def bulk(self, model: type[T], objects: Iterable[T], label: str = "") -> list[T]:
        """Insert in batches; returns the saved objects (with primary keys)."""
        saved: list[T] = []
        chunk: list[T] = []
        for obj in objects:
            chunk.append(obj)
            if len(chunk) >= BATCH:
                saved += model.objects.bulk_create(chunk)
                self.progress(label or model._meta.verbose_name_plural, len(chunk))
                chunk = []
        if chunk:
            saved += model.objects.bulk_create(chunk)
            self.progress(label or model._meta.verbose_name_plural, len(chunk))
        return saved


def generators() -> list[tuple[str, Callable[[DatasetContext], None]]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kerekasztal.") or config.label == "core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.dataset")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.dataset":
                raise
            continue
        found.append((config.label, module.generate))
    return found


def generate(*, scale: float, seed: int, forums: int | None = None,
             progress: Callable[[str, int], None] | None = None,
             existing: Sequence[Any] = ()) -> DatasetContext:
    """Generate the dataset in one transaction. With `existing` forums, add records to
    them instead of creating forums (the query-budget tests grow a dataset this way)."""
    wanted = len(existing) or forums or max(1, round(FORUMS_AT_SCALE_1 * scale))
    ctx = DatasetContext(scale=scale, seed=seed, density=FORUMS_AT_SCALE_1 * scale / wanted,
                         progress=progress or (lambda label, n: None))
    ctx.forums = list(existing)
    with transaction.atomic():
        if not ctx.forums:
            ctx.forums = _create_forums(ctx, wanted)
        for _label, generate_app in generators():
            generate_app(ctx)
    return ctx


def _create_forums(ctx: DatasetContext, wanted: int) -> list[Any]:
    """District roundtables for every district (shuffled), then county forums."""
    from kerekasztal.forums.models import Forum, ForumKind
    from kerekasztal.territory.models import County, District

    if Forum.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise ValueError("generated forums exist already: remove them first (--replace)")
    districts = list(District.objects.order_by("code"))
    ctx.rng.shuffle(districts)
    counties = list(County.objects.order_by("code"))
    forums = []
    for number in range(wanted):
        if number < len(districts):
            district = districts[number]
            forums.append(Forum(
                name=f"{district.name.removesuffix(' járás')} járási esélyegyenlőségi kerekasztal",
                slug=f"{SLUG_PREFIX}{number + 1:04d}", kind=ForumKind.DISTRICT_ROUNDTABLE,
                district=district, county_id=district.county_id,
                founded_on=ctx.day(365), description="Generált fórum a teljesítménymérésekhez.",
            ))
        else:
            county = counties[(number - len(districts)) % len(counties)]
            forums.append(Forum(
                name=f"{county.name} vármegyei felzárkózási fórum ({number + 1})",
                slug=f"{SLUG_PREFIX}{number + 1:04d}", kind=ForumKind.COUNTY_FORUM,
                county=county, founded_on=ctx.day(365),
                description="Generált fórum a teljesítménymérésekhez.",
            ))
    return ctx.bulk(Forum, forums, "fórumok")


def remove_generated() -> int:
    from kerekasztal.forums.models import Forum

    with transaction.atomic():
        forums = Forum.objects.filter(slug__startswith=SLUG_PREFIX)
        count = forums.count()
        # Delete the apps' records first (PROTECT foreign keys point at organisations).
        for config in reversed(list(apps.get_app_configs())):
            if not config.name.startswith("kerekasztal.") or config.label in {"core",
                                                                            "territory"}:
                continue
            for model in reversed(list(config.get_models())):
                path = _forum_path(model)
                if path and model is not Forum:
                    model._default_manager.filter(
                        **{f"{path}__slug__startswith": SLUG_PREFIX}).delete()
        forums.filter(parent__isnull=False).delete()
        forums.delete()
    return count


def _forum_path(model: type[models.Model]) -> str | None:
    if hasattr(model, "forum_path"):
        return model.forum_path
    try:
        model._meta.get_field("forum")
    except Exception:  # noqa: BLE001 - a model without a forum
        return None
    return "forum"
