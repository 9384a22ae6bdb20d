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
from kerekasztal.territory.models import Settlement
from tests.plans.factories import adopt, make_measure, make_plan

from .conftest import bearer

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "member", "settlement_officer", "auditor", "coordinator",
         "operator")


def _day(days=20):
    return timezone.localdate() + datetime.timedelta(days=days)


def _records(world):
    koszeg = Settlement.objects.get(name="Kőszeg")
    start = timezone.now() + datetime.timedelta(days=20)
    event = event_services.event_create(
        forum=world.forum, kind="community", title="Családi nap", venue="Várkert",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3), settlements=[koszeg])
    meeting = meeting_services.meeting_schedule(
        forum=world.forum, title="Zárt ülés", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), venue_settlement=koszeg)
    plan = make_plan(world.forum)  # Bozsok: the settlement officer's
    measure = make_measure(plan, responsible_organisation=world.organisation)
    adopt(plan)
    from kerekasztal.forums.models import Membership

    return {"slug": "koszeg", "event": event.pk, "meeting": meeting.pk,
            "plan": plan.pk, "measure": measure.pk, "koszeg": koszeg.ksh_code,
            "membership": Membership.objects.get(forum=world.forum).pk,
            "organisation": world.organisation.pk, "forum_id": world.forum.pk}


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
    ("meeting_create", "post", lambda r: {"slug": r["slug"]}, _meeting_body,
     _expect(201, "coordinator")),
    ("meeting_detail", "get", _mt, None, _expect(200, "member", "auditor", "coordinator")),
    ("meeting_update", "patch", _mt, lambda r: {"title": "Új cím"},
     _expect(200, "coordinator")),
    ("meeting_cancel", "post", _mt, lambda r: {"reason": "Árvíz"},
     _expect(200, "coordinator")),
    ("progress_create", "post", _pr, _progress_body,
     _expect(201, "member", "settlement_officer", "coordinator")),
    ("progress_list", "get", _pr, None, _expect(200, *FORUM_ROLES)),
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
