"""Rows of the link pickers (core/records/links.py): only coordinators link records."""

from kerekasztal.core.records import links
from tests.links.conftest import Records

from . import Row, workspace


def _setup(world):
    world.links = Records(world)
    links.link_create(source=world.links.problem, target=world.links.event, kind="evidence")


def _problem(w):
    return {"forum": w.forum.slug, "pk": w.links.plan.pk, "problem": w.links.problem.pk}


def _commitment(w):
    return {"forum": w.forum.slug, "pk": w.links.agreement.pk,
            "commitment": w.links.commitment.pk}


def _agreement(w):
    return {"forum": w.forum.slug, "pk": w.links.agreement.pk}


def _event(w):
    return {"forum": w.forum.slug, "pk": w.links.event.pk}


def _pick(attribute):
    return lambda w: {"target": links.record_key(getattr(w.links, attribute))}


COORDINATOR = workspace("coordinator")

ROWS = [
    Row("plans:problem_links", _problem, COORDINATOR, setup=_setup),
    Row("plans:problem_links", _problem, COORDINATOR, method="POST", setup=_setup,
        data=_pick("meeting")),
    Row("plans:problem_links", _problem, COORDINATOR, method="POST", setup=_setup,
        data=lambda w: {"unlink": links.record_key(w.links.event)}),
    Row("agreements:commitment_measures", _commitment, COORDINATOR, setup=_setup),
    Row("agreements:commitment_measures", _commitment, COORDINATOR, method="POST",
        setup=_setup, data=_pick("measure")),
    Row("agreements:gaps", _agreement, COORDINATOR, setup=_setup),
    Row("agreements:gaps", _agreement, COORDINATOR, method="POST", setup=_setup,
        data=_pick("gap")),
    Row("events:report_links", _event, COORDINATOR, setup=_setup),
    Row("events:report_links", _event, COORDINATOR, method="POST", setup=_setup,
        data=_pick("problem")),
]
