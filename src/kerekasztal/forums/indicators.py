"""Indicators the forums app offers to grant projects (see core/contracts.py)."""

from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import IndicatorRule

from .models import PARTICIPATING_ROLES, Membership


def _member_organisations(forums, as_of):
    return Membership.objects.on(as_of).filter(forum__in=forums, role__in=PARTICIPATING_ROLES)


RULES = [
    IndicatorRule(
        code="forums.member_organisations",
        label=_("Tagszervezetek száma"),
        unit=_("szervezet"),
        records=_member_organisations,
        distinct="organisation",
        settlement="organisation__seat",
    ),
]
