"""The JSON API: public reads for everyone; writes only with an API token (tests/api checks
who may write with one); the token pages in the workspace."""

import datetime

from django.utils import timezone

from . import MISSING, ROLES, TOKEN, Row, forum, public, workspace

ANY = ("member", "settlement_officer", "auditor", "coordinator")
EVERYONE_NEEDS_A_TOKEN = {role: TOKEN for role in ROLES}
NOWHERE = {role: MISSING for role in ROLES}


def _organisation(w):
    return {"slug": w.forum.slug, "pk": w.organisation.pk}


def _slug(w):
    return {"slug": w.forum.slug}


def _coordinators_token(w):
    from kerekasztal.api.models import ApiToken

    w.token, _value = ApiToken.issue(user=w.coordinator, name="k")


def _event(w):
    from kerekasztal.events import services
    from kerekasztal.territory.models import Settlement

    start = timezone.now() + datetime.timedelta(days=20)
    w.event = services.event_create(
        forum=w.forum, kind="community", title="Családi nap", venue="Várkert",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3),
        settlements=[Settlement.objects.get(name="Kőszeg")])


def _event_kwargs(w):
    return {"slug": w.forum.slug, "pk": w.event.pk}


def _meeting(w):
    from kerekasztal.meetings import services
    from kerekasztal.territory.models import Settlement

    start = timezone.now() + datetime.timedelta(days=14)
    w.meeting = services.meeting_schedule(
        forum=w.forum, title="Zárt ülés", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        venue_settlement=Settlement.objects.get(name="Kőszeg"))


def _meeting_kwargs(w):
    return {"slug": w.forum.slug, "pk": w.meeting.pk}


def _measure(w):
    from tests.plans.factories import adopt, make_measure, make_plan

    plan = make_plan(w.forum)
    w.measure = make_measure(plan, responsible_organisation=w.organisation)
    adopt(plan)


def _measure_kwargs(w):
    return {"slug": w.forum.slug, "plan_pk": w.measure.plan_id, "measure_pk": w.measure.pk}


def _token(w):
    return {"forum": w.forum.slug, "pk": w.token.pk}


def _revoke_expectations():
    expect = workspace(*ANY)
    expect.update(member=MISSING, settlement_officer=MISSING, auditor=MISSING)
    return expect


ROWS = [
    Row("api:docs", lambda w: {}, public()),
    Row("api:v1:openapi-json", lambda w: {}, public()),
    Row("api:v1:openapi-view", lambda w: {}, public()),
    Row("api:v1:api-root", lambda w: {}, NOWHERE),
    Row("api:v1:forum_list", lambda w: {}, public()),
    Row("api:v1:forum_detail", _slug, public()),
    Row("api:v1:member_list", _slug, public()),
    Row("api:v1:publishing_news_list", lambda w: {}, public()),
    Row("api:v1:publishing_news_detail", lambda w: {"pk": 999}, NOWHERE),
    Row("api:v1:publishing_document_list", lambda w: {}, public()),
    Row("api:v1:organisation_create", _slug, EVERYONE_NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:organisation_update", _organisation, EVERYONE_NEEDS_A_TOKEN, method="PATCH"),
    Row("api:v1:organisation_detail", _organisation, EVERYONE_NEEDS_A_TOKEN),
    # Writing events, meetings and measures' progress (tests/api/test_write_*.py check every
    # role with its own token; a session is never enough).
    Row("api:v1:event_create", _slug, EVERYONE_NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:event_detail", _event_kwargs, EVERYONE_NEEDS_A_TOKEN, setup=_event),
    Row("api:v1:event_update", _event_kwargs, EVERYONE_NEEDS_A_TOKEN, method="PATCH",
        setup=_event),
    Row("api:v1:event_cancel", _event_kwargs, EVERYONE_NEEDS_A_TOKEN, method="POST",
        setup=_event),
    Row("api:v1:event_held", _event_kwargs, EVERYONE_NEEDS_A_TOKEN, method="POST",
        setup=_event),
    Row("api:v1:event_participant_list", _event_kwargs, EVERYONE_NEEDS_A_TOKEN, setup=_event),
    Row("api:v1:meeting_create", _slug, EVERYONE_NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:meeting_detail", _meeting_kwargs, EVERYONE_NEEDS_A_TOKEN, setup=_meeting),
    Row("api:v1:meeting_update", _meeting_kwargs, EVERYONE_NEEDS_A_TOKEN, method="PATCH",
        setup=_meeting),
    Row("api:v1:meeting_cancel", _meeting_kwargs, EVERYONE_NEEDS_A_TOKEN, method="POST",
        setup=_meeting),
    Row("api:v1:meeting_held", _meeting_kwargs, EVERYONE_NEEDS_A_TOKEN, method="POST",
        setup=_meeting),
    Row("api:v1:progress_create", _measure_kwargs, EVERYONE_NEEDS_A_TOKEN, method="POST",
        setup=_measure),
    Row("api:v1:progress_list", _measure_kwargs, EVERYONE_NEEDS_A_TOKEN, setup=_measure),
    Row("api:token_list", forum, workspace(*ANY)),
    Row("api:token_list", forum, workspace(*ANY), method="POST",
        data=lambda w: {"name": "adattárház"}),
    Row("api:token_revoke", _token, _revoke_expectations(), method="POST",
        setup=_coordinators_token),
]


def _mounted_rows():
    """Rows for the read endpoints of the other apps' routers that the api app mounts under
    /api/v1/<app>/ (core.contracts.api_routers): lists answer everyone, an unknown id is a
    404 for everyone. Each app's own tests check what its endpoints return."""
    import importlib
    import pkgutil

    from django.urls import URLPattern, URLResolver, get_resolver

    from tests import access_matrix

    own = {row.name for row in ROWS}
    for module in pkgutil.iter_modules(access_matrix.__path__):
        if module.name.startswith("rows_") and module.name != "rows_api":
            own |= {row.name for row in importlib.import_module(
                f"tests.access_matrix.{module.name}").ROWS}

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}", pattern

    rows = []
    for name, pattern in walk(get_resolver(), ""):
        if not name.startswith("api:v1:") or name in own:
            continue
        params = list(getattr(pattern.pattern, "converters", {}))
        if params:
            rows.append(Row(name, lambda w, params=params: dict.fromkeys(params, 999999),
                            NOWHERE))
        else:
            rows.append(Row(name, lambda w: {}, public()))
    return rows


ROWS += _mounted_rows()
