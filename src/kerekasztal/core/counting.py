"""Counts of related records for list pages, one correlated subquery each.

Annotating several `Count(..., distinct=True)` over different relations joins them all at
once: a plan with 3,000 measures and 40 problems makes 120,000 joined rows before the
counts. A subquery per relation counts each on its own (the same numbers)."""

from django.db.models import Count, IntegerField, Model, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def count_of(model: type[Model], relation: str, condition: Q | None = None) -> Coalesce:
    """The number of `relation` records (a reverse foreign key of `model`, e.g. "measures")
    of each row, optionally only those matching `condition` (written from the related
    model: `Q(rsvp="yes")`); 0 when there are none."""
    rel = model._meta.get_field(relation)
    related, key = rel.related_model, rel.field.name  # type: ignore[union-attr]
    records = related._base_manager.filter(**{key: OuterRef("pk")})
    if condition is not None:
        records = records.filter(condition)
    counted = records.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
