"""The write endpoints × every role, each with its own API token (anonymous: none).

The access matrix (tests/access_matrix/rows_api.py) shows that a session is never enough
(401 for everyone); this table shows what each role's token may do, following the rules of
core/access/. Valid bodies: a refusal here is the rule's, never the body's."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kerekasztal.api.models import ApiToken
from kerekasztal.events import services as event_services
from kerekasztal.meetings import services as meeting_services
from kerekasztal.projects import services as project_services
from kerekasztal.territory.models import Settlement
from tests.factories import PersonFactory
from tests.plans.factories import adopt, make_measure, make_plan
from tests.projects.conftest import project_data

from .conftest import bearer

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "member", "settlement_officer", "auditor", "coordinator",
         "operator")


def _day(days=20):
    return timezone.localdate() + datetime.timedelta(days=days)


def _records(world):
    from kerekasztal.forums.models import Membership

    koszeg = Settlement.objects.get(name="Kőszeg")
    start = timezone.now() + datetime.timedelta(days=20)
    event = event_services.event_create(
        forum=world.forum, kind="community", title="Családi nap", venue="Várkert",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3), settlements=[koszeg])
    started = event_services.event_create(
        forum=world.forum, kind="community", title="Tegnapi nap", venue="Várkert",
        starts_at=start - datetime.timedelta(days=21),
        ends_at=start - datetime.timedelta(days=21) + datetime.timedelta(hours=3),
        settlements=[koszeg])
    meeting = meeting_services.meeting_schedule(
        forum=world.forum, title="Zárt ülés", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), venue_settlement=koszeg)
    past = timezone.now() - datetime.timedelta(days=20)
    held = meeting_services.meeting_schedule(
        forum=world.forum, title="Megtartott ülés", starts_at=past,
        ends_at=past + datetime.timedelta(hours=2), venue_settlement=koszeg)
    plan = make_plan(world.forum)  # Bozsok: the settlement officer's
    measure = make_measure(plan, responsible_organisation=world.organisation)
    adopt(plan)
    project = project_services.project_create(forum=world.forum, user=world.coordinator,
                                              **project_data(world))
    indicator = project_services.indicator_add(project=project, user=world.coordinator,
                                               name="Képzettek", unit="fő", target=12)
    person = PersonFactory(forum=world.forum)
    return {"slug": "koszeg", "event": event.pk, "started": started.pk, "meeting": meeting.pk,
            "held": held.pk, "plan": plan.pk, "measure": measure.pk, "koszeg": koszeg.ksh_code,
            "project": project.pk, "indicator": indicator.pk, "person": person.pk,
            "organisation": world.organisation.pk, "forum_id": world.forum.pk,
            "membership": Membership.objects.get(forum=world.forum).pk}


def _event_body(r):
    return {"kind": "community", "title": "Kerekasztal-nap", "venue": "Várkert",
            "starts_at": f"{_day()}T10:00:00", "ends_at": f"{_day()}T12:00:00",
            "settlements": [r["koszeg"]]}


def _meeting_body(r):
    return {"title": "Ülés", "starts_at": f"{_day()}T10:00:00",
            "ends_at": f"{_day()}T12:00:00", "venue_settlement": r["koszeg"]}


def _progress_body(r):
    return {"reported_on": str(timezone.localdate()), "status": "in_progress", "percent": 30,
            "narrative": "Elkezdődött."}


def _project_body(r):
    return {"programme": "AROP", "call_code": "ÁROP-1.A.3-2014", "code": "ÁROP-1.A.3-2014",
            "title": "Új projekt", "beneficiary": r["organisation"],
            "grant_amount": 1_000_000, "start": "2015-04-01", "end": "2015-10-31"}


def _pj(r):
    return {"slug": r["slug"], "pk": r["project"]}


def _agreement_body(r):
    from tests.factories import OrganisationFactory

    other = OrganisationFactory(forum_id=r["forum_id"], name="Kőszeg Város Önkormányzata")
    return {"kind": "multilateral", "title": "Papíron aláírt", "drafted_on": "2020-02-03",
            "parties": [{"organisation": r["organisation"], "signed_on": "2020-02-10",
                         "signatory_name": "Aláíró Anna"},
                        {"organisation": other.pk, "signed_on": "2020-02-11",
                         "signatory_name": "Aláíró Béla"}]}


def _membership_body(r):
    from tests.factories import OrganisationFactory

    other = OrganisationFactory(forum_id=r["forum_id"], name="Cák Község Önkormányzata")
    return {"organisation": other.pk, "since": "2016-01-01"}


def _ms(r):
    return {"slug": r["slug"], "pk": r["membership"]}


def _ev(r):
    return {"slug": r["slug"], "pk": r["event"]}


def _mt(r):
    return {"slug": r["slug"], "pk": r["meeting"]}


def _held(r):
    return {"slug": r["slug"], "pk": r["held"]}


def _pr(r):
    return {"slug": r["slug"], "plan_pk": r["plan"], "measure_pk": r["measure"]}


def _expect(ok: int, *allowed: str) -> dict[str, int]:
    return {role: 401 if role == "anonymous" else ok if role in allowed else 403
            for role in ROLES}


FORUM_ROLES = ("member", "settlement_officer", "auditor", "coordinator")

# name, method, url kwargs, body, expected status per role
ENDPOINTS = [
    ("event_create", "post", lambda r: {"slug": r["slug"]}, _event_body,
     _expect(201, "coordinator")),
    ("event_detail", "get", _ev, None, _expect(200, *FORUM_ROLES)),
    ("event_update", "patch", _ev, lambda r: {"title": "Új cím"}, _expect(200, "coordinator")),
    ("event_cancel", "post", _ev, lambda r: {"reason": "Vihar"}, _expect(200, "coordinator")),
    ("event_held", "post", lambda r: {"slug": r["slug"], "pk": r["started"]},
     lambda r: {"participants_count": 12}, _expect(200, "coordinator")),
    ("event_participant_list", "get", _ev, None, _expect(200, "auditor", "coordinator")),
    ("meeting_create", "post", lambda r: {"slug": r["slug"]}, _meeting_body,
     _expect(201, "coordinator")),
    ("meeting_detail", "get", _mt, None, _expect(200, "member", "auditor", "coordinator")),
    ("meeting_update", "patch", _mt, lambda r: {"title": "Új cím"},
     _expect(200, "coordinator")),
    ("meeting_cancel", "post", _mt, lambda r: {"reason": "Árvíz"},
     _expect(200, "coordinator")),
    ("meeting_held", "post", _held, lambda r: {"headcount_total": 12, "guests": 1},
     _expect(200, "coordinator")),
    ("progress_create", "post", _pr, _progress_body,
     _expect(201, "member", "settlement_officer", "coordinator")),
    ("progress_list", "get", _pr, None, _expect(200, *FORUM_ROLES)),
    ("projects_project_create", "post", lambda r: {"slug": r["slug"]}, _project_body,
     _expect(201, "coordinator")),
    ("projects_project_detail", "get", _pj, None, _expect(200, "auditor", "coordinator")),
    ("projects_project_update", "patch", _pj, lambda r: {"title": "Új cím"},
     _expect(200, "coordinator")),
    ("projects_staff_create", "post", _pj,
     lambda r: {"role": "catch_up_officer", "person": r["person"], "since": "2015-04-01"},
     _expect(201, "coordinator")),
    ("projects_partner_create", "post", _pj, lambda r: {"organisation": r["organisation"]},
     _expect(201, "coordinator")),
    ("projects_extension_create", "post", _pj,
     lambda r: {"new_end": "2015-12-31", "reason": "a záró konferencia"},
     _expect(201, "coordinator")),
    ("projects_indicator_create", "post", _pj,
     lambda r: {"name": "Fórumok", "unit": "alkalom", "target": "4"},
     _expect(201, "coordinator")),
    ("agreements_create", "post", lambda r: {"slug": r["slug"]}, _agreement_body,
     _expect(201, "coordinator")),
    ("memberships_create", "post", lambda r: {"slug": r["slug"]}, _membership_body,
     _expect(201, "coordinator")),
    ("memberships_end", "post", _ms, lambda r: {"until": "2024-12-31"},
     _expect(200, "coordinator")),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name, method, kwargs, data, expect", ENDPOINTS,
                         ids=[endpoint[0] for endpoint in ENDPOINTS])
def test_token_of_each_role(client, world, role, name, method, kwargs, data, expect):
    records = _records(world)
    url = reverse(f"api:v1:{name}", kwargs=kwargs(records))
    headers = {}
    if role != "anonymous":
        headers = bearer(ApiToken.issue(user=world.user(role), name="teszt")[1])
    if data is None:
        response = client.get(url, **headers)
    else:
        response = getattr(client, method)(url, json.dumps(data(records)),
                                           content_type="application/json", **headers)
    assert response.status_code == expect[role], response.content
    assert set(response.json()) >= ({"detail", "errors"} if response.status_code >= 400
                                    else {"id"} if "list" not in name else {"items"})
