"""The service map's public records: working service points and the gaps a forum published
(core/contracts.py). Unpublished gaps never appear here."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .models import Gap, ServicePoint


def _points(forums):
    return (ServicePoint.objects.filter(forum__in=forums, is_active=True)
            .select_related("forum", "service_type", "settlement"))


def _gaps(forums):
    return (Gap.objects.filter(forum__in=forums, is_public=True)
            .select_related("forum", "service_type", "settlement"))


def _map_url(record) -> str:
    return reverse("servicemap:public_map", args=[record.forum.slug])


SOURCES = [
    PublicSource(
        kind="servicemap.point",
        label=_("Szolgáltatási pontok"),
        records=_points,
        title=lambda p: f"{p.service_type.name} – {p.provider_name} ({p.settlement.name})",
        text=lambda p: " ".join(filter(None, [p.service_type.name, p.provider_name,
                                              p.settlement.name, p.address, p.opening_hours])),
        url=_map_url,
        date=lambda p: p.verified_on,
    ),
    PublicSource(
        kind="servicemap.gap",
        label=_("Szolgáltatáshiányok"),
        records=_gaps,
        title=lambda g: f"{g.settlement.name}: {g.service_type.name}",
        text=lambda g: " ".join(filter(None, [g.settlement.name, g.service_type.name,
                                              g.description, g.proposed_solution])),
        url=_map_url,
        date=lambda g: g.found_on,
    ),
]
