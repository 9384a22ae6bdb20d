"""Workspace and public pages of projects."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kerekasztal.projects import services
from kerekasztal.projects.models import Asset, Project, StaffRole
from tests.conftest import login
from tests.factories import MembershipFactory, PersonFactory

from .conftest import evidence, project_data

pytestmark = pytest.mark.django_db
D = datetime.date


def _url(name, world, **kwargs):
    return reverse(f"projects:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def _form(world, **overrides):
    data = project_data(world)
    data.update(beneficiary=world.organisation.pk, funds=["ESZA"], start="2015-04-01",
                end="2015-09-30", sustainability_end="2020-11-30", grant_rate="100")
    data.update(overrides)
    return data


def test_coordinator_records_a_project(coordinator_client, world):
    response = coordinator_client.post(_url("create", world), _form(world))
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.funds == ["ESZA"] and project.forum == world.forum


@pytest.mark.parametrize(("field", "value", "message"), [
    ("code", "EFOP-1.6.3-17-2017-00009", "nem felel meg a program mintájának"),
    ("end", "2015-03-01", "A befejezés nem lehet korábbi a kezdésnél."),
    ("grant_amount", "-5", "Az összeg nem lehet negatív."),
])
def test_bad_input_is_explained_next_to_the_field_and_nothing_saved(
        coordinator_client, world, field, value, message):
    response = coordinator_client.post(_url("create", world), _form(world, **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert not Project.objects.exists()


def _detailed_project(world):
    project = services.project_create(forum=world.forum, user=world.coordinator,
                                      **project_data(world))
    services.record_save(instance=StaffRole(project=project, role="project_manager",
                                            person=PersonFactory(forum=world.forum,
                                                                 name="Projekt Piroska"),
                                            since=D(2015, 4, 1)), user=world.coordinator)
    services.record_save(instance=Asset(project=project, name="projektor", unit_cost=180_000),
                         user=world.coordinator)
    return project


def test_budget_and_staff_only_for_coordinators_and_auditors(client, world):
    project = _detailed_project(world)
    url = _url("detail", world, pk=project.pk)
    for user, sees in ((world.coordinator, True), (world.auditor, True),
                       (world.member, False), (world.settlement_officer, False)):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert ("Projekt Piroska" in html) is sees
        assert ("180\u202f000 Ft" in html) is sees
        assert ("22\u202f000\u202f000 Ft" in html) is sees  # total cost
        assert "22,0 millió forint" in html  # the grant is public information


def test_record_forms_add_children(coordinator_client, world):
    project = services.project_create(forum=world.forum, user=world.coordinator,
                                      **project_data(world))
    response = coordinator_client.post(_url("record_create", world, pk=project.pk,
                                            kind="milestone"),
                                       {"kind": "closing_event", "title": "Zárórendezvény",
                                        "due": "2015-09-30"})
    assert response.status_code == 302
    assert project.milestones.get().title == "Zárórendezvény"
    response = coordinator_client.post(_url("record_create", world, pk=project.pk,
                                            kind="extension"),
                                       {"new_end": "2015-08-31", "reason": "járvány"})
    assert "későbbinek kell lennie" in response.content.decode()
    assert not project.extensions.exists()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def _members(world, n):
    for _i in range(n):
        MembershipFactory(forum=world.forum, since=D(2015, 5, 1))


def test_list_query_count_does_not_grow(coordinator_client, world):
    def add(n):
        for _i in range(n):
            services.project_create(forum=world.forum, user=world.coordinator,
                                    **project_data(world, code=_code()))

    def _code():
        return f"ÁROP-1.A.3-2014-2014-{Project.objects.count() + 1:04d}"

    add(2)
    few = _count_queries(coordinator_client, _url("list", world))
    add(10)
    assert _count_queries(coordinator_client, _url("list", world)) == few


def test_dashboard_and_drill_down_query_counts_do_not_grow(coordinator_client, world,
                                                            member_indicator, manual_indicator):
    project = member_indicator.project
    pages = [_url("dashboard", world, pk=project.pk),
             _url("indicator", world, pk=project.pk, ipk=member_indicator.pk) + "?as_of=2015-09-30",
             _url("detail", world, pk=project.pk)]
    world.organisation.seat = world.settlement
    world.organisation.save()
    _members(world, 1)
    few = [_count_queries(coordinator_client, url) for url in pages]
    _members(world, 10)
    assert [_count_queries(coordinator_client, url) for url in pages] == few


def test_drill_down_lists_the_records_behind_the_value(coordinator_client, world,
                                                       member_indicator):
    world.organisation.seat = world.settlement
    world.organisation.save()
    html = coordinator_client.get(_url("indicator", world, pk=member_indicator.project_id,
                                       ipk=member_indicator.pk) + "?as_of=2015-09-30"
                                  ).content.decode()
    assert "Bozsok Község Önkormányzata" in html
    assert "Településenként" in html and "Bozsok" in html
    html = coordinator_client.get(_url("indicator", world, pk=member_indicator.project_id,
                                       ipk=member_indicator.pk) + "?as_of=2015-06-01"
                                  ).content.decode()
    assert "Bozsok Község Önkormányzata" not in html


def test_drill_down_links_only_pages_the_viewer_may_open(client, world, member_indicator):
    """The organisations' pages are the coordinator's and the auditor's: a member sees the
    member organisations counted, without links that would answer 403."""
    url = _url("indicator", world, pk=member_indicator.project_id,
               ipk=member_indicator.pk) + "?as_of=2015-09-30"
    organisation = reverse("directory:organisation_detail",
                           kwargs={"forum": world.forum.slug, "pk": world.organisation.pk})
    assert organisation in login(client, world.coordinator).get(url).content.decode()
    html = login(client, world.member).get(url).content.decode()
    assert "Bozsok Község Önkormányzata" in html and organisation not in html
    assert client.get(organisation).status_code == 403


def test_dashboard_marks_manual_values_and_exports(coordinator_client, world, manual_indicator,
                                                   member_indicator, media):
    services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 6, 1), value=3,
                              evidence=evidence(), user=world.coordinator)
    project = manual_indicator.project
    html = coordinator_client.get(_url("dashboard", world, pk=project.pk) + "?as_of=2015-09-30"
                                  ).content.decode()
    assert "kézi adat" in html and "<svg" in html and "37,5%" in html  # 3 of 8
    assert 'id="places-heading"' not in html  # nobody has a seat: no map
    response = coordinator_client.get(_url("dashboard_export", world, pk=project.pk, fmt="csv")
                                      + "?as_of=2015-09-30")
    text = response.content.decode("utf-8-sig")
    assert 'Szakmai rendezvények,rendezvény,8.00,3,37.5,kézi adat,2015-09-30' in text
    assert 'Tagszervezetek,szervezet,10.00,1,10.0,forums.member_organisations' in text


def test_generate_edit_and_publish_a_press_release(coordinator_client, client, world, project):
    response = coordinator_client.post(_url("release_generate", world, pk=project.pk),
                                       {"kind": "closing", "as_of": "2015-09-30"})
    release = project.press_releases.get()
    assert response.url == _url("release", world, pk=project.pk, rpk=release.pk)
    public_url = reverse("projects:public_release", args=[world.forum.slug, release.pk])
    client.logout()
    assert client.get(public_url).status_code == 404  # a draft is not public
    coordinator_client.force_login(world.coordinator)
    coordinator_client.post(_url("release", world, pk=project.pk, rpk=release.pk),
                            {"title": "Lezárult a projekt", "body": "Első bekezdés.\n\nMásodik."})
    coordinator_client.post(_url("release_publish", world, pk=project.pk, rpk=release.pk),
                            {"action": "publish"})
    coordinator_client.logout()
    html = client.get(public_url).content.decode()
    assert "Lezárult a projekt" in html and "<p>Második.</p>" in html
    html = client.get(reverse("projects:public", args=[world.forum.slug])).content.decode()
    assert "Lezárult a projekt" in html and "ÁROP-1.A.3-2014-2014-0019" in html
    assert "22,0 millió forint" in html and "Európai Szociális Alap" in html


def test_public_page_hides_budget_details(client, world):
    _detailed_project(world)
    html = client.get(reverse("projects:public", args=[world.forum.slug])).content.decode()
    assert "Projekt Piroska" not in html and "180 000" not in html


def test_records_are_edited_and_deleted(coordinator_client, world, project):
    services.record_save(instance=Asset(project=project, name="laptop"), user=world.coordinator)
    asset = project.assets.get()
    url = _url("record_edit", world, pk=project.pk, kind="asset", record=asset.pk)
    coordinator_client.post(url, {"name": "laptop", "quantity": "2"})
    assert project.assets.get().quantity == 2
    coordinator_client.post(_url("record_delete", world, pk=project.pk, kind="asset",
                                 record=asset.pk))
    assert not project.assets.exists()


def test_indicator_edit_keeps_manual_values_safe(coordinator_client, world, manual_indicator,
                                                 media):
    services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 6, 1), value=3,
                              evidence=evidence(), user=world.coordinator)
    url = _url("indicator_edit", world, pk=manual_indicator.project_id, ipk=manual_indicator.pk)
    response = coordinator_client.post(url, {"name": "Rendezvények", "unit": "db",
                                             "target": "9", "rule": ""})
    assert response.status_code == 302
    manual_indicator.refresh_from_db()
    assert manual_indicator.target == 9 and manual_indicator.name == "Rendezvények"
    response = coordinator_client.post(url, {"name": "x", "target": "9",
                                             "rule": "forums.member_organisations"})
    assert "nem alakítható számítottá" in response.content.decode()


def test_long_projects_chart_at_most_24_points(world):
    from kerekasztal.projects import figures

    project = services.project_create(forum=world.forum, user=world.coordinator,
                                      **project_data(world, end=D(2019, 12, 31),
                                                     sustainability_end=None))
    services.indicator_add(project=project, user=world.coordinator, name="x",
                           rule="forums.member_organisations", unit="db", target=1)
    days = [day for day, _v in next(iter(figures.series(project, D(2019, 12, 31)).values()))]
    assert len(days) <= 24 and days[-1] == D(2019, 12, 31) and days == sorted(days)


def test_indicator_form_takes_the_rules_parameters(coordinator_client, world, project,
                                                   extra_rules):
    url = _url("indicator_create", world, pk=project.pk)
    response = coordinator_client.post(url, {"name": "Elnökök", "rule": "test.memberships",
                                             "param_role": "chair", "target": "1"})
    assert response.status_code == 302
    indicator = project.indicators.get()
    assert indicator.params == {"role": "chair"} and indicator.unit == "tagság"
    response = coordinator_client.post(url, {"name": "Tagok",
                                             "rule": "forums.member_organisations",
                                             "param_role": "chair", "target": "1"})
    assert "nincs ilyen paramétere" in response.content.decode()
    response = coordinator_client.post(url, {"name": "Kézi", "rule": "", "target": "1"})
    assert "adja meg a mértékegységet" in response.content.decode()
    assert project.indicators.count() == 1


def test_targets_of_the_grant_contract_create_computed_indicators(coordinator_client, world,
                                                                 project, extra_rules):
    url = _url("indicator_targets", world, pk=project.pk)
    html = coordinator_client.get(url).content.decode()
    assert "Tagszervezetek száma – célérték (szervezet)" in html
    response = coordinator_client.post(url, {"target_forums.member_organisations": "12",
                                             "target_test.memberships": ""})
    assert response.status_code == 302
    indicator = project.indicators.get()
    assert (indicator.rule, indicator.target, indicator.unit) == (
        "forums.member_organisations", 12, "szervezet")
    assert "target_forums.member_organisations" not in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url, {"target_test.memberships": "-1"})
    assert response.status_code == 200 and project.indicators.count() == 1


def test_a_manual_value_is_corrected_or_deleted_and_the_history_keeps_it(
        coordinator_client, world, manual_indicator, media):
    from django.test import Client

    from kerekasztal.projects import figures
    from kerekasztal.projects.models import ManualValue

    value = services.manual_value_add(indicator=manual_indicator, as_of=D(2015, 6, 1), value=30,
                                      evidence=evidence(), user=world.coordinator)
    pk = manual_indicator.project_id
    url = _url("manual_value_edit", world, pk=pk, vpk=value.pk)
    old_file = value.evidence.name
    response = coordinator_client.post(url, {"as_of": "2015-06-01", "value": "-3", "note": ""})
    assert "nem lehet negatív" in response.content.decode()
    value.refresh_from_db()
    assert value.value == 30  # nothing half-saved
    coordinator_client.post(url, {"as_of": "2015-06-01", "value": "3", "note": "Elírás javítva"})
    value.refresh_from_db()
    assert (value.value, value.note, value.evidence.name) == (3, "Elírás javítva", old_file)
    assert figures.figure(manual_indicator, D(2015, 9, 30)).value == 3
    assert value.history.count() == 2 and value.history.last().value == 30
    html = coordinator_client.get(_url("indicator", world, pk=pk, ipk=manual_indicator.pk)
                                  ).content.decode()
    assert url in html
    member = Client()
    member.force_login(world.member)
    assert member.post(url, {"as_of": "2015-06-01", "value": "99"}).status_code == 403
    coordinator_client.post(_url("manual_value_delete", world, pk=pk, vpk=value.pk))
    assert not ManualValue.objects.filter(pk=value.pk).exists()
    assert ManualValue.history.filter(id=value.pk, history_type="-").exists()
    assert figures.figure(manual_indicator, D(2015, 9, 30)).value is None  # none left
