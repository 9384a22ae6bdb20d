"""The grant project records and publishes the past truthfully: a manual indicator nobody
measured is not a 0, a release recorded later keeps its real publication day, the public
page shows the dashboard's figures, an extension stays within the project's dates, and a
record counts on its own local day in the release facts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kerekasztal.projects import facts, figures, queries, services
from kerekasztal.projects.models import Extension
from kerekasztal.projects.writing import write
from tests.conftest import login

from .conftest import evidence, project_data

pytestmark = pytest.mark.django_db
D = datetime.date


def _url(name, world, **kwargs):
    return reverse(f"projects:{name}", kwargs={"forum": world.forum.slug, **kwargs})


# --- 1. a manual indicator without a value -------------------------------------------------


def test_a_manual_indicator_without_a_value_has_no_figure_not_zero(manual_indicator):
    item = figures.figure(manual_indicator, D(2015, 9, 30))
    assert item.value is None and item.percent is None and item.percent_text == "–"
    series = figures.series(manual_indicator.project, D(2015, 6, 30))
    assert [v for _d, v in series[manual_indicator.pk]] == [None, None, None]


def test_a_real_zero_entered_by_the_coordinator_stays_zero(world, manual_indicator, media):
    services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 5, 1), value=0,
                              evidence=evidence(), user=world.coordinator)
    item = figures.figure(manual_indicator, D(2015, 9, 30))
    assert item.value == 0 and item.value is not None and item.percent == 0


def test_the_release_facts_say_no_data_instead_of_zero(manual_indicator):
    project = manual_indicator.project
    for kind in ("closing", "closing_report"):
        body = write(project, kind, D(2015, 9, 30))[1]
        assert "Szakmai rendezvények: 0" not in body, kind
        assert "Szakmai rendezvények: –" in body, kind


def test_the_dashboard_shows_a_dash_not_zero_until_a_value_is_entered(
        coordinator_client, world, manual_indicator, media):
    project = manual_indicator.project
    url = _url("dashboard", world, pk=project.pk) + "?as_of=2015-09-30"
    html = coordinator_client.get(url).content.decode()
    assert "0 rendezvény" not in html and "nincs még adat" in html
    html = coordinator_client.get(_url("indicator", world, pk=project.pk,
                                       ipk=manual_indicator.pk)).content.decode()
    assert "0 rendezvény" not in html and "nincs még adat" in html
    services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 5, 1), value=0,
                              evidence=evidence(), user=world.coordinator)
    html = coordinator_client.get(url).content.decode()
    assert "0 rendezvény" in html


# --- 2. a release published on a past day --------------------------------------------------


@pytest.fixture
def release(project, world):
    return services.press_release_generate(project=project, kind="closing",
                                           as_of=D(2015, 9, 30), user=world.coordinator)


def test_a_release_is_recorded_as_published_on_its_past_day(release, world):
    services.press_release_publish(release=release, user=world.coordinator,
                                   published_on=D(2015, 12, 2))
    release.refresh_from_db()
    assert timezone.localdate(release.published_at) == D(2015, 12, 2)
    assert release.published_at.astimezone(datetime.UTC).date() == D(2015, 12, 2)
    # publishing again on the same day keeps the moment; today's publication is now
    moment = release.published_at
    services.press_release_publish(release=release, user=world.coordinator,
                                   published_on=D(2015, 12, 2))
    release.refresh_from_db()
    assert release.published_at == moment
    services.press_release_publish(release=release, user=world.coordinator)
    release.refresh_from_db()
    assert timezone.localdate(release.published_at) == timezone.localdate()


def test_a_release_cannot_be_published_on_a_future_day(release, world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.press_release_publish(release=release, user=world.coordinator,
                                       published_on=tomorrow)
    assert "published_on" in caught.value.message_dict
    release.refresh_from_db()
    assert release.published_at is None


def test_a_release_is_not_published_before_the_day_of_its_data(release, world):
    """The seed's closing release appeared on 30 October; drafted with the data of 31
    October it would say "the figures reflect 31 October" on the day before."""
    with pytest.raises(ValidationError) as caught:
        services.press_release_publish(release=release, user=world.coordinator,
                                       published_on=D(2015, 9, 29))  # data of 30 September
    assert "2015. szeptember 30." in caught.value.message_dict["published_on"][0]
    release.refresh_from_db()
    assert release.published_at is None
    services.press_release_publish(release=release, user=world.coordinator,
                                   published_on=D(2015, 9, 30))  # the day of the data is fine
    release.refresh_from_db()
    assert timezone.localdate(release.published_at) == D(2015, 9, 30)


def test_the_publish_form_explains_a_future_day_next_to_the_field(coordinator_client, world,
                                                                   release):
    url = _url("release_publish", world, pk=release.project_id, rpk=release.pk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for day in (tomorrow.isoformat(), "2015-13-45", "holnap"):
        response = coordinator_client.post(url, {"action": "publish",
                                                 "publish-published_on": day})
        assert response.status_code == 200, day
        assert 'id="id_publish-published_on_error"' in response.content.decode(), day
    release.refresh_from_db()
    assert release.published_at is None
    response = coordinator_client.post(url, {"action": "publish",
                                             "publish-published_on": "2015.12.02."})
    assert response.status_code == 302
    release.refresh_from_db()
    assert timezone.localdate(release.published_at) == D(2015, 12, 2)


def test_public_lists_feeds_and_exports_show_and_order_by_the_publication_day(
        client, world, project, release):
    older = services.press_release_generate(project=project, kind="start",
                                            as_of=D(2015, 4, 1), user=world.coordinator)
    services.press_release_publish(release=release, user=world.coordinator,
                                   published_on=D(2015, 12, 2))
    services.press_release_publish(release=older, user=world.coordinator,
                                   published_on=D(2015, 4, 15))  # recorded later
    assert list(queries.published_releases(world.forum)) == [release, older]
    html = client.get(_url("public_release", world, pk=older.pk)).content.decode()
    assert "2015. április 15." in html
    html = client.get(_url("public", world)).content.decode()
    assert html.index("2015. december 2.") < html.index("2015. április 15.")
    answer = client.get(f"/api/v1/projects/press-releases?forum={world.forum.slug}").json()
    items = answer["items"] if isinstance(answer, dict) else answer
    assert [i["published_at"][:10] for i in items] == ["2015-12-02", "2015-04-15"]
    sitemap = client.get(reverse("publishing:sitemap")).content.decode()
    assert "<lastmod>2015-04-15</lastmod>" in sitemap
    news = client.get(reverse("publishing:news_list", args=[world.forum.slug])).content.decode()
    assert "2015. április 15." in news


# --- 3. the public project page shows the figures ------------------------------------------


def test_the_public_page_shows_the_dashboards_figures_as_of_the_day(
        client, world, project, member_indicator, manual_indicator, media):
    services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 6, 1), value=3,
                              evidence=evidence(), user=world.coordinator)
    html = client.get(_url("public", world)).content.decode()
    assert "Indikátorok" in html and "2015. szeptember 30." in html
    item = figures.figure(member_indicator, D(2015, 9, 30))
    assert f"{item.value} szervezet" in html and "10 szervezet" in html  # value, target
    assert "3 rendezvény" in html and "8 rendezvény" in html and "37,5%" in html
    coordinator = Client()
    login(coordinator, world.coordinator)
    dashboard = coordinator.get(_url("dashboard", world, pk=project.pk)).content.decode()
    assert "3 rendezvény" in dashboard and f"{item.value} szervezet" in dashboard


def _public_queries(client, world) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url("public", world)).status_code == 200
    return len(captured)


def test_the_public_page_makes_as_many_queries_with_more_projects_and_indicators(
        client, world, project, member_indicator, manual_indicator):
    client.get(_url("public", world))  # warm
    few = _public_queries(client, world)
    other = services.project_create(forum=world.forum, user=world.coordinator,
                                    **project_data(world, code="ÁROP-1.A.3-2014-2014-0020"))
    for target in (4, 5):
        services.indicator_add(project=other, user=world.coordinator, name=f"Ülések {target}",
                               rule="meetings.sessions_held", unit="alkalom", target=target)
        services.indicator_add(project=other, user=world.coordinator, name=f"Kézi {target}",
                               unit="fő", target=target)
    assert _public_queries(client, world) == few


def test_the_public_page_is_cached_and_changes_with_the_figures(client, world,
                                                                manual_indicator, media):
    url = _url("public", world)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 6, 1), value=5,
                              evidence=evidence(), user=world.coordinator)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "5 rendezvény" in response.content.decode()


def test_the_public_page_shows_no_person(client, world, project, media):
    from kerekasztal.directory.models import Person

    services.indicator_add(project=project, user=world.coordinator, name="Résztvevők",
                           rule="events.participants", unit="fő", target=Decimal(10))
    html = client.get(_url("public", world)).content.decode()
    for person in Person.objects.filter(forum=world.forum):
        if person.pk != getattr(project.contact, "pk", None):
            assert person.name not in html


# --- 4. extensions within the project's dates ----------------------------------------------


def _extend(project, world, **kwargs):
    data = {"new_end": D(2015, 11, 30), "reason": "záró konferencia", "decided_on": None}
    data.update(kwargs)
    return services.extension_add(project=project, user=world.coordinator, **data)


def test_an_extension_cannot_end_after_the_sustainability_period(project, world):
    with pytest.raises(ValidationError) as caught:
        _extend(project, world, new_end=D(2021, 3, 31))
    assert "fenntartási időszak végénél" in caught.value.message_dict["new_end"][0]
    assert _extend(project, world, new_end=D(2020, 11, 30)).pk  # up to its last day


def test_an_extension_cannot_end_after_the_project_was_closed(project, world):
    services.project_update(project=project, user=world.coordinator, closed_on=D(2015, 12, 15))
    with pytest.raises(ValidationError) as caught:
        _extend(project, world, new_end=D(2016, 1, 31))
    assert "2015. december 15-én lezárták" in caught.value.message_dict["new_end"][0]


def test_an_extension_is_decided_during_the_project(project, world):
    with pytest.raises(ValidationError) as caught:
        _extend(project, world, decided_on=D(2015, 3, 1))
    assert "kezdeténél" in caught.value.message_dict["decided_on"][0]
    with pytest.raises(ValidationError) as caught:
        _extend(project, world, decided_on=D(2015, 12, 10))
    assert "új befejezésnél" in caught.value.message_dict["decided_on"][0]
    assert _extend(project, world, decided_on=D(2015, 9, 10)).pk
    assert not Extension.objects.filter(decided_on__in=[D(2015, 3, 1), D(2015, 12, 10)])


def test_the_sustainability_period_cannot_end_before_an_extension(project, world):
    _extend(project, world, new_end=D(2016, 6, 30))
    with pytest.raises(ValidationError) as caught:
        services.project_update(project=project, user=world.coordinator,
                                sustainability_end=D(2016, 1, 31))
    assert "meghosszabbított" in caught.value.message_dict["sustainability_end"][0]


def test_the_extension_form_explains_the_error_next_to_the_field(coordinator_client, world,
                                                                  project):
    url = _url("record_create", world, pk=project.pk, kind="extension")
    response = coordinator_client.post(url, {"new_end": "2021-03-31", "reason": "x",
                                             "decided_on": "2015-09-10"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_new_end_error"' in html
    assert "fenntartási időszak végénél" in html and not project.extensions.exists()


# --- 5. the release facts count a record on its own local day -----------------------------


def test_the_facts_count_events_on_their_own_local_day(project, world):
    from kerekasztal.events.services import event_record_held
    from kerekasztal.territory.models import Settlement

    koszeg = Settlement.objects.get(name="Kőszeg")

    def held(moment, title):
        starts = timezone.make_aware(moment)
        event_record_held(forum=world.forum, participants_count=5, title=title,
                          kind="community", starts_at=starts,
                          ends_at=starts + datetime.timedelta(minutes=20), venue="Városháza",
                          settlements=[koszeg])

    dt = datetime.datetime
    held(dt(2015, 3, 31, 23, 30), "Előtte")          # the day before the start
    held(dt(2015, 4, 1, 0, 30), "Első nap")           # 22:30 UTC the day before
    held(dt(2015, 9, 30, 23, 30), "Utolsó nap")       # 21:30 UTC
    held(dt(2015, 10, 1, 0, 30), "Utána")             # 22:30 UTC on the last day
    events = facts.held_events(project, D(2015, 9, 30))
    assert events == ["2 közösségi rendezvény („Első nap”, „Utolsó nap”)"]
    assert facts.event_places(project, D(2015, 9, 30))[0] == ["Kőszeg"]
    assert facts.held_events(project, D(2015, 4, 1)) == ["1 közösségi rendezvény („Első nap”)"]


def test_the_facts_compare_event_times_as_stored_like_the_indicator_rules(project):
    """No date is computed per row (`starts_at__date`): the bounds are the project's first
    local day's start and `contracts.day_end`, as the indicators use them."""
    with CaptureQueriesContext(connection) as captured:
        facts.held_events(project, D(2015, 9, 30))
        facts.event_audiences(project, D(2015, 9, 30))
        facts.event_places(project, D(2015, 9, 30))
        facts.target_groups(project, D(2015, 9, 30))
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "starts_at" in sql
    assert "django_datetime_cast_date" not in sql and "AT TIME ZONE" not in sql
