"""Indicators the service map offers to grant projects (see core/contracts.py)."""

from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule

from .models import Gap, GapStatus, ServicePoint


def _gaps_found(forums, as_of):
    return Gap.objects.filter(forum__in=forums, found_on__lte=as_of)


def _gaps_resolved(forums, as_of):
    return Gap.objects.filter(forum__in=forums, status=GapStatus.RESOLVED,
                              resolved_on__lte=as_of)


def _service_points(forums, as_of):
    """Points operating on the day, by their operating dates (not the day they were typed
    in: a county maps services that have worked for years)."""
    return ServicePoint.objects.filter(forum__in=forums).operating_on(as_of)


RULES = [
    IndicatorRule(
        code="servicemap.gaps_found",
        label=_("Feltárt szolgáltatáshiányok száma"),
        unit=_("hiány"),
        records=_gaps_found,
        settlement="settlement",
    ),
    IndicatorRule(
        code="servicemap.gaps_resolved",
        label=_("Megoldott szolgáltatáshiányok száma"),
        unit=_("hiány"),
        records=_gaps_resolved,
        settlement="settlement",
    ),
    IndicatorRule(
        code="servicemap.service_points",
        label=_("Feltérképezett szolgáltatási pontok száma"),
        unit=_("szolgáltatási pont"),
        records=_service_points,
        settlement="settlement",
    ),
]
