"""Indicators the agreements app offers to grant projects (see core/contracts.py):
agreements signed (in a period, by kind, theme or target group) and the distinct
organisations that signed them."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule
from kerekasztal.core.models import TARGET_GROUP_LABELS

from .models import Agreement, AgreementKind, Party


def _signed(forums, as_of: datetime.date, *, kind: str = "", target_group: str = "",
            topic: str = "", since: datetime.date | None = None):
    """Agreements whose signature rule was met by the end of `as_of` (and from `since`)."""
    qs = Agreement.objects.filter(forum__in=forums).signed_by(as_of)
    if since:
        qs = qs.filter(signed_on__gte=since)
    if kind:
        qs = qs.filter(kind=kind)
    if target_group:
        qs = qs.filter(target_groups__code=target_group)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return qs.distinct()


def _parties(forums, as_of: datetime.date, **params):
    """Parties of those agreements that had not withdrawn by `as_of`."""
    return Party.objects.filter(
        agreement__in=_signed(forums, as_of, **params).values("pk"),
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=as_of))


_PARAMS = {
    "kind": [(value, str(label)) for value, label in AgreementKind.choices],
    "target_group": [(code, str(label)) for code, label in TARGET_GROUP_LABELS.items()],
}

RULES = [
    IndicatorRule(
        code="agreements.signed",
        label=_("Aláírt együttműködési megállapodások száma"),
        unit=_("megállapodás"),
        records=_signed,
        params=_PARAMS,
    ),
    IndicatorRule(
        code="agreements.parties",
        label=_("Együttműködési megállapodást aláíró szervezetek száma"),
        unit=_("szervezet"),
        records=_parties,
        distinct="organisation",
        settlement="organisation__seat",
        params=_PARAMS,
    ),
]
