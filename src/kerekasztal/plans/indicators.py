"""Indicators the plans app offers to grant projects (see core/contracts.py)."""

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule

from .models import Measure, MeasureStatus, Plan, PlanStatus, Progress, Scope


def _adopted(forums, as_of, scope: str = ""):
    """Plans adopted on or before the day (superseded ones were in force then)."""
    plans = Plan.objects.filter(forum__in=forums, adopted_on__lte=as_of, status__in=(
        PlanStatus.ADOPTED, PlanStatus.UNDER_REVIEW, PlanStatus.SUPERSEDED))
    return plans.filter(scope=scope) if scope else plans


def _measures(forums, as_of, status: str = ""):
    """Measures of plans adopted by the day; with `status`, those whose latest progress report
    on or before the day has that status (no report yet counts as not started)."""
    latest = Progress.objects.filter(measure=OuterRef("pk"), reported_on__lte=as_of).order_by(
        "-reported_on", "-pk").values("status")[:1]
    measures = Measure.objects.filter(plan__in=_adopted(forums, as_of)).annotate(
        status_on_day=Subquery(latest))
    if not status:
        return measures
    if status == MeasureStatus.NOT_STARTED:
        return measures.filter(Q(status_on_day__isnull=True) | Q(status_on_day=status))
    return measures.filter(status_on_day=status)


RULES = [
    IndicatorRule(
        code="plans.adopted",
        label=_("Elfogadott esélyegyenlőségi programok"),
        unit=_("program"),
        records=_adopted,
        settlement="settlement",
        params={"scope": list(Scope.choices)},
    ),
    IndicatorRule(
        code="plans.measures",
        label=_("Elfogadott programok intézkedései"),
        unit=_("intézkedés"),
        records=_measures,
        settlement="plan__settlement",
        params={"status": list(MeasureStatus.choices)},
    ),
]
