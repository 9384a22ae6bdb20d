"""The registry of linkable records and the link pickers of plans, agreements and events."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kerekasztal.core.models import Link
from kerekasztal.core.records import links
from tests.conftest import login
from tests.factories import OrganisationFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def problem_url(world, records):
    return reverse("plans:problem_links", kwargs={
        "forum": world.forum.slug, "pk": records.plan.pk, "problem": records.problem.pk})


def commitment_url(world, records):
    return reverse("agreements:commitment_measures", kwargs={
        "forum": world.forum.slug, "pk": records.agreement.pk,
        "commitment": records.commitment.pk})


def report_url(world, records):
    return reverse("events:report_links", kwargs={"forum": world.forum.slug,
                                                  "pk": records.event.pk})


# --- registry -------------------------------------------------------------------------------


def test_evidence_candidates_are_the_forums_meetings_events_and_statistics(world, records):
    keys = dict(links.candidates("evidence", world.forum))
    assert links.record_key(records.meeting) in keys
    assert links.record_key(records.event) in keys
    assert links.record_key(records.statistic) in keys
    assert links.record_key(records.foreign_meeting) not in keys
    assert keys[links.record_key(records.meeting)] == f"Ülés: {records.meeting}"


def test_candidates_search_by_text_and_leave_out_what_is_linked(world, records):
    keys = dict(links.candidates("evidence", world.forum, q="alakuló"))
    assert list(keys) == [links.record_key(records.meeting)]
    links.link_create(source=records.problem, target=records.meeting, kind="evidence")
    assert links.record_key(records.meeting) not in dict(
        links.candidates("evidence", world.forum, source=records.problem))


def test_working_group_records_are_candidates_of_the_root(world, records):
    from tests.factories import ForumFactory

    group = ForumFactory(name="Roma munkacsoport", slug="koszeg-roma", parent=world.forum)
    group_meeting = MeetingFactory(forum=group, title="Munkacsoport ülése")
    assert links.record_key(group_meeting) in dict(links.candidates("evidence", world.forum))


def test_pick_refuses_another_forums_record_and_unknown_keys(world, records):
    assert links.pick("evidence", world.forum, links.record_key(records.meeting)) == \
        records.meeting
    for key in (links.record_key(records.foreign_meeting), "core.user:1", "rossz", "",
                links.record_key(records.measure)):
        with pytest.raises(ValidationError):
            links.pick("evidence", world.forum, key)


def test_a_later_app_is_one_line_and_missing_apps_are_skipped(world, records, monkeypatch):
    monkeypatch.setitem(links.LINKABLE, "evidence",
                        [*links.LINKABLE["evidence"], links.Linkable("nosuchapp.Thing")])
    models = [model._meta.label for _entry, model in links.linkable_models("evidence")]
    assert models == ["plans.Statistic", "meetings.Meeting", "events.Event", "servicemap.Gap"]
    monkeypatch.setitem(links.LINKABLE, "evidence",
                        [links.Linkable("agreements.Agreement")])
    assert [key for key, _label in links.candidates("evidence", world.forum)] == [
        links.record_key(records.agreement)]


def test_service_gaps_are_evidence_of_problems_and_addressed_by_agreements(world, records):
    import datetime

    from kerekasztal.servicemap.catalogue import ensure_service_types
    from kerekasztal.servicemap.models import Gap, ServiceType
    from kerekasztal.territory.models import Settlement

    ensure_service_types()
    gap = Gap.objects.create(
        forum=world.forum, settlement=Settlement.objects.get(name="Kőszeg"),
        service_type=ServiceType.objects.order_by("pk").first(),
        description="Nincs falugondnok", found_on=datetime.date(2015, 9, 1))
    assert links.record_key(gap) in dict(links.candidates("evidence", world.forum, q="falugondnok"))
    assert links.record_key(gap) in dict(links.candidates("addresses", world.forum))
    links.link_create(source=records.problem, target=gap, kind="evidence")
    assert links.targets_of(records.problem, kind="evidence") == [gap]
    assert links.record_url(gap).endswith(f"/services/gaps/{gap.pk}/")


def test_linked_records_both_ways_with_urls(world, records):
    links.link_create(source=records.problem, target=records.meeting, kind="evidence",
                      note="jegyzőkönyv 3. pont")
    [target] = links.linked_targets(records.problem, "evidence")
    assert target.url == reverse("meetings:detail", kwargs={"forum": "koszeg",
                                                            "pk": records.meeting.pk})
    assert target.note == "jegyzőkönyv 3. pont"
    [source] = links.linked_sources(records.meeting)
    assert source.label == f"Probléma: {records.problem}"
    assert source.kind_label == "Bizonyíték"
    assert "/problems/" in source.url


def test_a_commitment_links_without_a_forum_attribute(world, records):
    link = links.link_create(source=records.commitment, target=records.measure, kind="measure")
    assert link.forum_id == world.forum.pk


# --- pickers --------------------------------------------------------------------------------


def test_coordinator_links_and_unlinks_problem_evidence(client, world, records):
    login(client, world.coordinator)
    url = problem_url(world, records)
    page = client.get(url)
    assert page.status_code == 200
    assert str(records.meeting) in page.content.decode()
    assert "Idegen ülés" not in page.content.decode()
    key = links.record_key(records.meeting)
    response = client.post(url, {"target": key, "note": "Az ülésen merült fel."})
    assert response.status_code == 302
    assert links.targets_of(records.problem, "evidence") == [records.meeting]
    problem_page = client.get(reverse("plans:problem_edit", kwargs={
        "forum": "koszeg", "pk": records.plan.pk, "problem": records.problem.pk}))
    assert str(records.meeting) in problem_page.content.decode()
    meeting_page = client.get(reverse("meetings:detail", kwargs={"forum": "koszeg",
                                                                 "pk": records.meeting.pk}))
    assert "Ami erre az ülésre hivatkozik" in meeting_page.content.decode()
    assert records.problem.title in meeting_page.content.decode()
    assert client.post(url, {"unlink": key}).status_code == 302
    assert not Link.objects.exists()


def test_a_bad_choice_is_refused_next_to_the_field(client, world, records):
    login(client, world.coordinator)
    response = client.post(problem_url(world, records),
                           {"target": links.record_key(records.foreign_meeting)})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Link.objects.exists()


def test_search_narrows_the_choices(client, world, records):
    login(client, world.coordinator)
    page = client.get(problem_url(world, records), {"q": "fórum"}).content.decode()
    assert str(records.event) in page
    assert str(records.meeting) not in page


def test_commitment_measure_picker_shows_on_both_sides(client, world, records):
    login(client, world.coordinator)
    url = commitment_url(world, records)
    assert records.measure.title in client.get(url).content.decode()
    client.post(url, {"target": links.record_key(records.measure), "note": "2. intézkedés"})
    assert links.targets_of(records.commitment, "measure") == [records.measure]
    assert Link.objects.get().note == "2. intézkedés"
    detail = client.get(reverse("agreements:detail", kwargs={
        "forum": "koszeg", "pk": records.agreement.pk})).content.decode()
    measure_url = reverse("plans:measure_detail", kwargs={
        "forum": "koszeg", "pk": records.plan.pk, "measure": records.measure.pk})
    assert measure_url in detail
    measure_page = client.get(measure_url).content.decode()
    assert "Ami erre az intézkedésre hivatkozik" in measure_page
    assert "közfoglalkoztatási programot" in measure_page


def test_report_raised_problems(client, world, records):
    login(client, world.coordinator)
    url = report_url(world, records)
    page = client.get(url).content.decode()
    assert records.other_problem.title in page
    client.post(url, {"target": links.record_key(records.other_problem)})
    assert links.targets_of(records.report, "raised") == [records.other_problem]
    detail = client.get(reverse("events:event_detail", kwargs={
        "forum": "koszeg", "pk": records.event.pk})).content.decode()
    assert records.other_problem.title in detail
    problem_page = client.get(reverse("plans:problem_edit", kwargs={
        "forum": "koszeg", "pk": records.plan.pk, "problem": records.other_problem.pk}))
    assert records.event.title in problem_page.content.decode()


def test_report_picker_needs_a_report(client, world, records):
    from tests.events.conftest import make_event

    login(client, world.coordinator)
    event = make_event(world.forum, title="Beszámoló nélkül")
    assert client.get(reverse("events:report_links", kwargs={
        "forum": "koszeg", "pk": event.pk})).status_code == 404


@pytest.mark.parametrize("role", ["member", "settlement_officer", "auditor", "outsider"])
def test_only_coordinators_link(client, world, records, role):
    login(client, world.user(role))
    for url in (problem_url(world, records), commitment_url(world, records),
                report_url(world, records)):
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"target": links.record_key(records.meeting)}).status_code in (
            403, 404)
    assert not Link.objects.exists()


def test_picker_query_count_does_not_grow(client, world, records):
    login(client, world.coordinator)
    url = problem_url(world, records)

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    for _ in range(2):
        links.link_create(source=records.problem, target=MeetingFactory(forum=world.forum),
                          kind="evidence")
    small = count()
    for _ in range(10):
        meeting = MeetingFactory(forum=world.forum)
        links.link_create(source=records.problem, target=meeting, kind="evidence")
        MeetingFactory(forum=world.forum)
    assert count() == small


def test_pointing_lists_leave_out_what_the_viewer_may_not_read(client, world, records):
    """A member does not see a draft agreement's commitment on the measure page; a
    settlement officer (no access to meetings) does not see the meeting on the problem."""
    links.link_create(source=records.commitment, target=records.measure, kind="measure")
    links.link_create(source=records.problem, target=records.meeting, kind="evidence")
    measure_url = reverse("plans:measure_detail", kwargs={
        "forum": "koszeg", "pk": records.plan.pk, "measure": records.measure.pk})
    login(client, world.coordinator)
    assert "közfoglalkoztatási programot" in client.get(measure_url).content.decode()
    other = OrganisationFactory(forum=world.forum, name="Más Egyesület")
    records.agreement.parties.all().delete()
    from kerekasztal.agreements import services as agreement_services
    agreement_services.party_add(agreement=records.agreement, organisation=other)
    login(client, world.member)
    assert "közfoglalkoztatási programot" not in client.get(measure_url).content.decode()
    login(client, world.settlement_officer)
    problem_page = client.get(reverse("plans:problem_edit", kwargs={
        "forum": "koszeg", "pk": records.plan.pk, "problem": records.problem.pk}))
    assert problem_page.status_code == 200
    assert str(records.meeting) not in problem_page.content.decode()


def test_coordinator_links_an_agreement_to_the_service_gaps_it_addresses(client, world, records):
    url = reverse("agreements:gaps", kwargs={"forum": world.forum.slug,
                                             "pk": records.agreement.pk})
    login(client, world.coordinator)
    page = client.get(url)
    assert page.status_code == 200
    assert links.record_key(records.gap) in page.content.decode()
    response = client.post(url, {"target": links.record_key(records.gap), "note": "3. pont"})
    assert response.status_code == 302
    assert links.targets_of(records.agreement, kind="addresses") == [records.gap]
    detail = client.get(reverse("agreements:detail", kwargs={
        "forum": world.forum.slug, "pk": records.agreement.pk})).content.decode()
    assert f"/services/gaps/{records.gap.pk}/" in detail
    assert client.post(url, {"target": links.record_key(records.gap)}).status_code == 200
