"""Adopted plans and their measures, for search, the sitemap and the front page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .models import PUBLIC_STATUSES, Measure, Plan


def _plans(forums):
    return Plan.objects.filter(forum__in=forums, status__in=PUBLIC_STATUSES).select_related(
        "forum", "settlement", "district", "county")


def _measures(forums):
    return Measure.objects.filter(plan__in=_plans(forums)).select_related(
        "plan__forum", "target_group", "responsible_organisation")


def _plan_url(plan) -> str:
    return reverse("plans:public_detail", args=[plan.forum.slug, plan.pk])


SOURCES = [
    PublicSource(
        kind="plans.plan",
        label=_("Esélyegyenlőségi programok"),
        records=_plans,
        title=lambda plan: plan.title,
        text=lambda plan: " ".join(filter(None, [str(plan.territory or ""), plan.period_label,
                                                 plan.summary])),
        url=_plan_url,
        date=lambda plan: plan.adopted_on,
    ),
    PublicSource(
        kind="plans.measure",
        label=_("Intézkedések"),
        records=_measures,
        title=lambda measure: f"{measure.number}. {measure.title}",
        text=lambda measure: " ".join(filter(None, [str(measure.target_group), measure.content,
                                                    measure.responsible_label])),
        url=lambda measure: f"{_plan_url(measure.plan)}#measure-{measure.pk}",
        date=lambda measure: measure.plan.adopted_on,
    ),
]
