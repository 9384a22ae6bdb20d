"""The auditor's drill-down (issue 17, items 5 and 10): as many records listed as the value,
each linked to a page the auditor may open, the export's "Hivatkozás" column filled with
absolute URLs, and achievement rounded to one decimal (never truncated)."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kerekasztal.meetings import services as meeting_services
from kerekasztal.meetings.models import Attendance, Meeting, MeetingStatus
from kerekasztal.projects import figures, services
from kerekasztal.territory.models import Settlement
from tests.conftest import login
from tests.factories import OrganisationFactory, PersonFactory
from tests.meetings.factories import at

from .conftest import evidence

pytestmark = pytest.mark.django_db
D = datetime.date


def _url(name, world, **kwargs):
    return reverse(f"projects:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def _held(world, number, day):
    meeting = meeting_services.meeting_schedule(
        forum=world.forum, number=number, title=f"{number}. ülés", starts_at=at(day),
        ends_at=at(day, 12), venue_settlement=Settlement.objects.get(name="Kőszeg"))
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    return meeting


@pytest.fixture
def sessions(world):
    """Two held sessions: the same organisation attended both (two representatives), a
    second organisation one of them."""
    first, second = _held(world, 1, D(2015, 6, 16)), _held(world, 2, D(2015, 8, 20))
    other = OrganisationFactory(forum=world.forum, name="Kőszegi Roma Nemzetiségi Önkormányzat")
    substitute = PersonFactory(forum=world.forum, name="Helyettes Hanna")
    Attendance.objects.create(meeting=first, organisation=world.organisation,
                              person=world.representative)
    Attendance.objects.create(meeting=second, organisation=world.organisation,
                              person=world.representative)
    Attendance.objects.create(meeting=second, organisation=world.organisation,
                              person=substitute)
    Attendance.objects.create(meeting=second, organisation=other, person=None, name="Vendég")
    return first, second


def _indicator(project, world, rule, name):
    return services.indicator_add(project=project, user=world.coordinator, name=name,
                                  rule=rule, unit="db", target=Decimal(10))


def _drill(client, world, indicator):
    return client.get(_url("indicator", world, pk=indicator.project_id, ipk=indicator.pk)
                      + "?as_of=2015-09-30")


def _listed_links(html):
    block = re.search(r'<ul class="drill-down">(.*?)</ul>', html, re.S)
    assert block, "no drill-down list"
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    return items, re.findall(r'<a href="([^"]+)">', block.group(1))


def _csv(client, world, indicator):
    response = client.get(_url("indicator_export", world, pk=indicator.project_id,
                               ipk=indicator.pk, fmt="csv") + "?as_of=2015-09-30")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_distinct_organisations_are_listed_once_each_linked(client, world, project, sessions):
    indicator = _indicator(project, world, "meetings.participant_organisations",
                           "Részt vevő szervezetek")
    assert figures.figure(indicator, D(2015, 9, 30)).value == 2
    login(client, world.auditor)
    html = _drill(client, world, indicator).content.decode()
    items, urls = _listed_links(html)
    assert len(items) == 2  # not one per attendance (4)
    assert "Az értéket adó 2 szervezet" in html
    assert "a különböző szervezetek száma" in html
    assert html.count("Bozsok Község Önkormányzata</a>") == 1
    assert len(urls) == 2
    for url in urls:  # the auditor may open every record listed
        assert client.get(url).status_code == 200
    rows = _csv(client, world, indicator)
    assert len(rows) == 2
    assert all(row["Hivatkozás"].startswith("http://testserver/") for row in rows)


def test_distinct_people_list_each_person_once_with_a_link(client, world, project, sessions):
    indicator = _indicator(project, world, "meetings.participants", "Részt vevő személyek")
    value = figures.figure(indicator, D(2015, 9, 30)).value
    assert value == 3  # the representative once, the substitute, the guest
    login(client, world.auditor)
    html = _drill(client, world, indicator).content.decode()
    items, urls = _listed_links(html)
    assert len(items) == value and len(urls) == value
    assert sum("Tag Tamás" in item for item in items) == 1
    assert all(client.get(url).status_code == 200 for url in set(urls))
    rows = _csv(client, world, indicator)
    assert len(rows) == value and all(row["Hivatkozás"] for row in rows)


def test_every_record_of_a_plain_rule_is_linked(client, world, project, sessions):
    indicator = _indicator(project, world, "meetings.sessions_held", "Ülések")
    login(client, world.auditor)
    html = _drill(client, world, indicator).content.decode()
    items, urls = _listed_links(html)
    assert len(items) == len(urls) == 2
    assert "Az értéket adó 2 ülés" in html
    assert all(client.get(url).status_code == 200 for url in urls)
    rows = _csv(client, world, indicator)
    assert [row["Hivatkozás"] for row in rows] == [f"http://testserver{url}" for url in urls]


def test_member_organisations_link_to_the_directory(client, world, member_indicator):
    login(client, world.auditor)
    html = _drill(client, world, member_indicator).content.decode()
    items, urls = _listed_links(html)
    assert len(items) == 1 and urls == [reverse("directory:organisation_detail", kwargs={
        "forum": world.forum.slug, "pk": world.organisation.pk})]
    assert client.get(urls[0]).status_code == 200


def test_achievement_is_rounded_not_truncated(coordinator_client, world, project, media):
    indicator = services.indicator_add(project=project, user=world.coordinator,
                                       name="Szakmai rendezvények", unit="rendezvény",
                                       target=Decimal(12))
    services.manual_value_add(indicator=indicator, as_of=D(2015, 6, 1), value=14,
                              evidence=evidence(), user=world.coordinator)
    item = figures.figure(indicator, D(2015, 9, 30))
    assert item.percent == Decimal("116.7") and item.percent_text == "116,7%"
    html = coordinator_client.get(_url("dashboard", world, pk=project.pk)
                                  + "?as_of=2015-09-30").content.decode()
    assert "116,7%" in html and "116%" not in html and "116,7\u00a0%" not in html
    html = _drill(coordinator_client, world, indicator).content.decode()
    assert "116,7%" in html
    text = coordinator_client.get(_url("dashboard_export", world, pk=project.pk, fmt="csv")
                                  + "?as_of=2015-09-30").content.decode("utf-8-sig")
    assert ",116.7," in text
    release = services.press_release_generate(project=project, user=world.coordinator,
                                              kind="closing_report", as_of=D(2015, 9, 30))
    assert "14 / 12 rendezvény, 116,7%" in release.body
