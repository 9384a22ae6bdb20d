"""Issue 17 (votes, early approval, extra invitees present, named substitutes, a meeting in
progress, minutes' paragraphs, the dashboard's quick actions) and issue 16 (sessions held
before the platform: one form, headcounts, a scan, the indicators, the API)."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kerekasztal.api.models import ApiToken
from kerekasztal.core.contracts import indicator_rules
from kerekasztal.forums.models import Forum
from kerekasztal.meetings import queries, services
from kerekasztal.meetings.models import Attendance, Meeting, MeetingStatus, MinutesStatus, Rsvp
from tests.conftest import login
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

from .factories import at, future

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def _present(world, held_meeting):
    services.attendance_record(meeting=held_meeting,
                               people=[(world.representative, world.organisation)])


# --- issue 17 ---------------------------------------------------------------------------


def test_votes_may_not_exceed_those_present_with_a_vote(world, held_meeting):
    _present(world, held_meeting)
    with pytest.raises(ValidationError) as exc:
        services.decision_record(meeting=held_meeting, text="Elfogadja.", votes_for=15,
                                 votes_abstain=1)
    assert "votes_for" in exc.value.message_dict
    decision = services.decision_record(meeting=held_meeting, text="Elfogadja.", votes_for=1,
                                        votes_against=0, votes_abstain=0)
    with pytest.raises(ValidationError):
        services.decision_update(decision=decision, votes_against=2)


def test_votes_beyond_those_present_are_a_message_on_the_form(world, held_meeting, client):
    _present(world, held_meeting)
    response = login(client, world.coordinator).post(
        url("decision_create", world, pk=held_meeting.pk),
        {"text": "Elfogadja.", "votes_for": "15", "votes_against": "", "votes_abstain": "1"})
    assert response.status_code == 200
    assert "nem lehet több a jelen lévő" in response.content.decode()
    assert not held_meeting.decisions.exists()


def _consulted(world, held_meeting, days):
    _present(world, held_meeting)
    services.minutes_save(meeting=held_meeting, body="Szöveg.", kind="memo")
    services.minutes_send(meeting=held_meeting,
                          comments_until=timezone.localdate() + datetime.timedelta(days=days))


def test_minutes_are_not_approved_before_the_deadline_without_a_confirmation(
        world, held_meeting, client):
    _consulted(world, held_meeting, 5)
    with pytest.raises(ValidationError) as exc:
        services.minutes_approve(meeting=held_meeting, on=timezone.localdate())
    assert "még nem járt le" in str(exc.value)
    coordinator = login(client, world.coordinator)
    response = coordinator.post(url("minutes_approve", world, pk=held_meeting.pk),
                                {"approved_on": str(timezone.localdate())}, follow=True)
    assert "még nem járt le" in response.content.decode()
    held_meeting.minutes.refresh_from_db()
    assert held_meeting.minutes.status == MinutesStatus.CONSULTATION
    coordinator.post(url("minutes_approve", world, pk=held_meeting.pk),
                     {"approved_on": str(timezone.localdate()),
                      "before_deadline_confirmed": "on"})
    held_meeting.minutes.refresh_from_db()
    assert held_meeting.minutes.status == MinutesStatus.APPROVED


def test_minutes_after_the_deadline_are_approved_without_a_confirmation(world, held_meeting):
    _consulted(world, held_meeting, -1)
    minutes = services.minutes_approve(meeting=held_meeting, on=timezone.localdate())
    assert minutes.status == MinutesStatus.APPROVED


def test_an_extra_invitee_outside_the_directory_can_be_marked_present(
        world, held_meeting, client):
    extra = services.invitation_add_extra(meeting=held_meeting, name="Vendég Vera",
                                          email="vera@example.org")
    coordinator = login(client, world.coordinator)
    page = coordinator.get(url("attendance_edit", world, pk=held_meeting.pk)).content.decode()
    assert "Vendég Vera" in page
    coordinator.post(url("attendance_edit", world, pk=held_meeting.pk),
                     {"present": [f"inv:{extra.pk}"], "guests": "0"})
    attendance = held_meeting.attendances.get()
    assert attendance.person_name == "Vendég Vera"
    # the form shows it again as checked
    page = coordinator.get(url("attendance_edit", world, pk=held_meeting.pk)).content.decode()
    assert f'value="inv:{extra.pk}"' in page and "checked" in page


def test_an_invitee_names_a_substitute_when_the_organisation_has_one_contact(
        world, meeting, client):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    token = services.rsvp_token(invitation)
    page = client.get(reverse("meetings:rsvp", args=[token])).content.decode()
    assert "Helyettesem neve" in page
    response = client.post(reverse("meetings:rsvp", args=[token]), {
        "answer": Rsvp.NO, "substitute_name": "Helyettes Hanna",
        "substitute_email": "hanna@example.org"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert (invitation.substitute_name, invitation.substitute_email) == (
        "Helyettes Hanna", "hanna@example.org")
    # on the attendance sheet and among those who can be marked present
    sheet = [p.name for row in queries.sheet_rows(meeting) for p in row.people]
    assert "Helyettes Hanna" in sheet


def test_invitations_to_a_meeting_in_progress_say_so(world, koszeg):
    now = timezone.now()
    meeting = services.meeting_schedule(
        forum=world.forum, title="Most zajlik", starts_at=now - datetime.timedelta(minutes=30),
        ends_at=now + datetime.timedelta(hours=1), venue_settlement=koszeg)
    with pytest.raises(ValidationError) as exc:
        services.invitations_send(meeting=meeting)
    assert "folyamatban" in str(exc.value) and "Múltbeli" not in str(exc.value)


def test_minutes_keep_paragraphs_and_line_breaks_on_the_page_and_in_the_pdf(
        world, held_meeting, client):
    coordinator = login(client, world.coordinator)
    body = "Első bekezdés.\n\nMásodik bekezdés,\nmásodik sora. <script>x()</script>"
    coordinator.post(url("minutes_edit", world, pk=held_meeting.pk),
                     {"kind": "memo", "body": body, "recorder": ""})
    page = coordinator.get(url("minutes", world, pk=held_meeting.pk)).content.decode()
    assert "<p>Első bekezdés.</p>" in page
    assert "<p>Második bekezdés,<br>második sora." in page
    assert "<script>x()" not in page
    response = coordinator.get(url("minutes_document", world, pk=held_meeting.pk, doc="pdf"))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)
                                  if response.streaming else response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Első bekezdés.\nMásodik bekezdés," in text


def test_stored_html_minutes_are_sanitised_on_the_way_out(world, held_meeting, client):
    services.minutes_save(meeting=held_meeting, body="<p>Rendben.</p>", kind="memo")
    held_meeting.minutes.__class__.objects.filter(pk=held_meeting.minutes.pk).update(
        body='<p onclick="x()">Rendben.</p><script>alert(1)</script>')
    page = login(client, world.coordinator).get(
        url("minutes", world, pk=held_meeting.pk)).content.decode()
    assert "<p>Rendben.</p>" in page and "alert(1)" not in page and "onclick" not in page


def test_the_dashboard_offers_a_new_meeting_and_a_new_event(world, client):
    page = login(client, world.coordinator).get(
        reverse("forums:workspace", kwargs={"forum": world.forum.slug})).content.decode()
    assert url("create", world) in page
    assert reverse("events:event_create", kwargs={"forum": world.forum.slug}) in page
    member_page = login(client, world.member).get(
        reverse("forums:workspace", kwargs={"forum": world.forum.slug})).content.decode()
    assert url("create", world) not in member_page


# --- issue 16 ---------------------------------------------------------------------------


def _orgs(world, n):
    orgs = [world.organisation]
    for i in range(n - 1):
        org = OrganisationFactory(forum=world.forum, name=f"Tag {i}")
        MembershipFactory(forum=world.forum, organisation=org, since=datetime.date(2015, 1, 1))
        orgs.append(org)
    return orgs


def test_a_past_session_is_recorded_held_with_headcounts(world, koszeg):
    orgs = _orgs(world, 3)
    meeting = services.meeting_record_held(
        forum=world.forum, user=world.coordinator, title="Ülés papíron",
        starts_at=at(datetime.date(2016, 3, 1)), ends_at=at(datetime.date(2016, 3, 1), 12),
        venue_settlement=koszeg, headcounts={orgs[0]: 2, orgs[1]: 1}, headcount_total=10)
    assert meeting.status == MeetingStatus.HELD
    assert meeting.attendances.count() == 10
    assert meeting.attendances.filter(organisation__isnull=True, counted=True).count() == 7
    quorum = services.quorum(meeting)
    assert (quorum.present, quorum.members, quorum.reached) == (2, 3, True)
    history = meeting.history.order_by("history_date")
    assert history.first().history_user == world.coordinator
    assert history.last().status == MeetingStatus.HELD
    # the indicators count it
    rules = indicator_rules()
    forums = Forum.objects.filter(pk=world.forum.pk)
    day = datetime.date(2016, 12, 31)
    assert rules["meetings.sessions_held"].value(forums, day) == 1
    assert rules["meetings.participants"].value(forums, day) == 10
    assert rules["meetings.participant_organisations"].value(forums, day) == 2
    assert rules["meetings.participants"].by_settlement(forums, day) == {koszeg.pk: 10}


def test_participants_count_a_person_once_and_every_head_of_a_headcount(world, koszeg):
    for day in (datetime.date(2016, 3, 1), datetime.date(2016, 4, 1)):
        services.meeting_record_held(
            forum=world.forum, title="Ülés", starts_at=at(day), ends_at=at(day, 12),
            venue_settlement=koszeg, people=[(world.representative, world.organisation)],
            headcount_total=None)
    services.meeting_record_held(
        forum=world.forum, title="Papíron", starts_at=at(datetime.date(2016, 5, 1)),
        ends_at=at(datetime.date(2016, 5, 1), 12), venue_settlement=koszeg,
        headcount_total=4)
    forums = Forum.objects.filter(pk=world.forum.pk)
    rule = indicator_rules()["meetings.participants"]
    assert rule.value(forums, datetime.date(2016, 12, 31)) == 1 + 4


def test_a_total_headcount_only_leaves_the_quorum_unknown(world, koszeg):
    meeting = services.meeting_record_held(
        forum=world.forum, title="Papíron", starts_at=at(datetime.date(2016, 5, 1)),
        ends_at=at(datetime.date(2016, 5, 1), 12), venue_settlement=koszeg, headcount_total=4)
    assert not services.quorum(meeting).known


def test_a_held_session_cannot_lie_in_the_future_nor_be_without_attendance(world, koszeg):
    with pytest.raises(ValidationError) as exc:
        services.meeting_record_held(
            forum=world.forum, title="Jövő", starts_at=future(3), ends_at=future(3, 12),
            venue_settlement=koszeg, headcount_total=5)
    assert "starts_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.meeting_record_held(
            forum=world.forum, title="Üres", starts_at=at(datetime.date(2016, 5, 1)),
            ends_at=at(datetime.date(2016, 5, 1), 12), venue_settlement=koszeg)
    assert "headcount_total" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.meeting_record_held(
            forum=world.forum, title="Kevés", starts_at=at(datetime.date(2016, 5, 1)),
            ends_at=at(datetime.date(2016, 5, 1), 12), venue_settlement=koszeg,
            headcounts={world.organisation: 5}, headcount_total=3)
    assert not Meeting.objects.exists()


def test_the_held_form_records_a_session_at_once(world, koszeg, client, media):
    coordinator = login(client, world.coordinator)
    form_url = url("record_held", world)
    assert coordinator.get(form_url).status_code == 200
    scan = SimpleUploadedFile("iv.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = coordinator.post(form_url, {
        "number": "", "title": "Alakuló ülés", "starts_at": "2015-06-16T10:00",
        "ends_at": "2015-06-16T12:00", "venue_settlement": koszeg.pk, "visibility": "closed",
        f"headcount_{world.organisation.pk}": "2", "headcount_total": "12", "guests": "1",
        "scan": scan})
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.HELD and meeting.attendances.count() == 12
    page = coordinator.get(response["Location"]).content.decode()
    assert "Koordinátor Kata" in page  # who recorded it


@pytest.mark.parametrize("data", [
    {},
    {"title": "X", "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T12:00",
     "headcount_total": "5"},
    {"title": "X", "starts_at": "2015-01-01T10:00", "ends_at": "2015-01-01T12:00",
     "headcount_total": "-3", "guests": "1,5"},
    {"title": "X", "starts_at": "2015-01-01T10:00", "ends_at": "2015-01-01T12:00",
     "headcount_total": "2", "guests": "0", "headcount_1": "9"},
])
def test_the_held_form_never_answers_500(world, koszeg, client, data):
    data = {"visibility": "closed", "venue_settlement": koszeg.pk, **data}
    if "headcount_1" in data:
        data[f"headcount_{world.organisation.pk}"] = data.pop("headcount_1")
    response = login(client, world.coordinator).post(url("record_held", world), data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def _api(client, world, meeting, body):
    token = ApiToken.issue(user=world.coordinator, name="teszt")[1]
    return client.post(
        reverse("api:v1:meeting_held", kwargs={"slug": world.forum.slug, "pk": meeting.pk}),
        json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_marks_a_meeting_held_with_headcounts_or_names(world, held_meeting, client):
    response = _api(client, world, held_meeting, {
        "headcount_total": 18, "headcounts": [{"organisation": world.organisation.pk,
                                               "count": 2}], "guests": 3})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "held" and response.json()["present"] == 18
    other = PersonFactory(forum=world.forum, name="Másik Márk")
    response = _api(client, world, held_meeting, {"attendees": [
        {"person": world.representative.pk, "organisation": world.organisation.pk},
        {"name": "Vendég Vera"}, {"person": other.pk}]})
    assert response.json()["present"] == 3
    assert sorted(a.person_name for a in held_meeting.attendances.all()) == [
        "Másik Márk", "Tag Tamás", "Vendég Vera"]


def test_the_api_refuses_attendance_before_the_start_and_unknown_records(
        world, meeting, held_meeting, client):
    response = _api(client, world, meeting, {"headcount_total": 5})
    assert response.status_code == 400 and "kezdete után" in json.dumps(
        response.json(), ensure_ascii=False)
    stranger = OrganisationFactory(forum=world.other_forum)
    response = _api(client, world, held_meeting, {"headcounts": [
        {"organisation": stranger.pk, "count": 2}]})
    assert response.status_code == 400
    response = _api(client, world, held_meeting, {"attendees": [{"person": 999999}]})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_editing_names_keeps_the_headcount_of_a_paper_sheet(world, koszeg, client):
    meeting = services.meeting_record_held(
        forum=world.forum, title="Papíron", starts_at=at(datetime.date(2016, 5, 1)),
        ends_at=at(datetime.date(2016, 5, 1), 12), venue_settlement=koszeg,
        headcounts={world.organisation: 2}, headcount_total=6)
    login(client, world.coordinator).post(
        url("attendance_edit", world, pk=meeting.pk),
        {"present": [f"{world.representative.pk}:{world.organisation.pk}"], "guests": "0"})
    assert meeting.attendances.filter(counted=True).count() == 6
    assert meeting.attendances.filter(counted=True, organisation=world.organisation).count() == 2
    assert meeting.attendances.filter(person=world.representative).exists()
