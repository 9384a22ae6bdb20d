"""API fuzzing of the write endpoints WITH a coordinator's token, on the demo forum's real
records: schemathesis generates bodies from the schema (odd times, huge numbers, long and
strange strings, missing and extra fields). No answer may be a server error, and every answer
must match the schema. (test_fuzz.py calls every operation without a token.)"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from kerekasztal.api.urls import api

from .test_fuzz import CHECKS

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()
writes = schema.include(path_regex=r"^/api/v1/forums/\{slug\}/(events|meetings|plans)/")


@pytest.fixture
def demo_token(in_process_app):
    from kerekasztal.api.models import ApiToken
    from kerekasztal.core import access
    from kerekasztal.events.models import Event
    from kerekasztal.meetings.models import Meeting
    from kerekasztal.plans.models import PUBLIC_STATUSES, Measure

    forum = in_process_app.forum
    coordinator = next(grant.user for grant in forum.access_grants.select_related("user")
                       if grant.role == "coordinator")
    assert access.can(coordinator, "events.manage", forum)
    measure = Measure.objects.filter(plan__forum=forum,
                                     plan__status__in=PUBLIC_STATUSES).first()
    params = {
        "slug": forum.slug,
        "event": Event.objects.filter(forum=forum).first().pk,
        "meeting": Meeting.objects.filter(forum=forum).first().pk,
        "plan_pk": measure.plan_id, "measure_pk": measure.pk,
    }
    return ApiToken.issue(user=coordinator, name="fuzz")[1], params


@writes.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_write_endpoints_with_a_token_never_fail_with_a_server_error(case, demo_token):
    token, params = demo_token
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    path = dict(case.path_parameters or {})
    path["slug"] = params["slug"]
    if "pk" in path:
        path["pk"] = params["meeting" if "/meetings/" in case.path else "event"]
    for name in ("plan_pk", "measure_pk"):
        if name in path:
            path[name] = params[name]
    case.path_parameters = path
    case.call_and_validate(checks=CHECKS)
