"""Scheduling, numbering, invitations, RSVP links, quorum, minutes and decisions."""

import datetime

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar

from kerekasztal.meetings import services
from kerekasztal.meetings.models import (
    CalendarToken,
    DecisionStatus,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    QuorumKind,
    Rsvp,
    decision_label,
)
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

from .factories import MeetingFactory, at, future

pytestmark = pytest.mark.django_db


def _send(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitations_send(meeting=meeting)


# --- numbering and scheduling --------------------------------------------------------------


def test_meetings_are_numbered_per_forum(world, koszeg):
    start = future()
    data = dict(title="Ülés", starts_at=start, ends_at=start + datetime.timedelta(hours=1),
                venue_settlement=koszeg)
    first = services.meeting_schedule(forum=world.forum, **data)
    second = services.meeting_schedule(forum=world.forum, **data)
    other = services.meeting_schedule(forum=world.other_forum, **data)
    assert (first.number, second.number, other.number) == (1, 2, 1)


@pytest.mark.django_db(transaction=True)
def test_two_meetings_scheduled_at_once_get_different_numbers(world, koszeg):
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite test databases share one cache between threads and "
                    "cannot run concurrent transactions; CI runs this on PostgreSQL")
    start = future()
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def schedule(title):
        from django.db import connection as thread_connection
        try:
            barrier.wait()
            numbers.append(services.meeting_schedule(
                forum=world.forum, title=title, starts_at=start,
                ends_at=start + datetime.timedelta(hours=1), venue_settlement=koszeg).number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=schedule, args=(t,)) for t in ("Első", "Második")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == [1, 2]


def test_number_can_be_given_but_not_twice(world, meeting, koszeg):
    start = future(30)
    with pytest.raises(ValidationError) as exc:
        services.meeting_schedule(forum=world.forum, number=4, title="Másik", starts_at=start,
                                  ends_at=start + datetime.timedelta(hours=1),
                                  venue_settlement=koszeg)
    assert "sorszámú" in str(exc.value)
    assert services.next_number(world.forum) == 5


def test_meeting_needs_a_venue_or_link_and_an_end_after_start(world):
    start = future()
    with pytest.raises(ValidationError) as exc:
        services.meeting_schedule(forum=world.forum, title="Ülés", starts_at=start,
                                  ends_at=start)
    assert set(exc.value.message_dict) == {"ends_at", "venue_settlement"}
    assert not world.forum.meetings.exists()


def test_overlapping_meetings_of_the_same_forum_are_found(world, meeting, koszeg):
    other = MeetingFactory(forum=world.forum, starts_at=meeting.starts_at
                           + datetime.timedelta(hours=1), ends_at=meeting.ends_at
                           + datetime.timedelta(hours=1))
    MeetingFactory(forum=world.other_forum, starts_at=meeting.starts_at,
                   ends_at=meeting.ends_at)
    assert list(services.overlapping(meeting)) == [other]


# --- agenda ---------------------------------------------------------------------------------


def test_agenda_items_are_appended_and_can_be_moved(meeting):
    second = services.agenda_item_add(meeting=meeting, title="Beszámoló")
    third = services.agenda_item_add(meeting=meeting, title="Egyebek")
    services.agenda_item_move(item=third, offset=-1)
    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles == ["Megnyitó", "Egyebek", "Beszámoló"]
    services.agenda_reorder(meeting=meeting, order=[second.pk, third.pk,
                                                    meeting.agenda_items.first().pk])
    assert [i.title for i in meeting.agenda_items.order_by("position")][0] == "Beszámoló"


def test_reorder_with_a_stale_list_changes_nothing(meeting):
    services.agenda_item_add(meeting=meeting, title="Beszámoló")
    before = list(meeting.agenda_items.values_list("pk", "position"))
    with pytest.raises(ValidationError):
        services.agenda_reorder(meeting=meeting, order=[before[0][0]])
    assert list(meeting.agenda_items.values_list("pk", "position")) == before


def test_attachment_of_a_refused_type_gets_a_clear_message(meeting, media):
    item = meeting.agenda_items.get()
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(item=item, name="Program", file=bad)
    assert "nem megengedett típusú" in str(exc.value)
    assert not item.attachments.exists()
    good = SimpleUploadedFile("program.pdf", b"%PDF-1.4\n%%EOF\n")
    assert services.attachment_add(item=item, name="Program", file=good).file


# --- invitations ----------------------------------------------------------------------------


def test_invitations_go_to_representatives_of_members_on_the_meeting_day(
        world, meeting, django_capture_on_commit_callbacks):
    left = MembershipFactory(forum=world.forum, since=datetime.date(2015, 6, 16),
                             until=timezone.localdate(),
                             representatives=[PersonFactory(forum=world.forum,
                                                            name="Kilépett Klára")])
    joins_later = MembershipFactory(
        forum=world.forum, since=meeting.date + datetime.timedelta(days=1),
        representatives=[PersonFactory(forum=world.forum, name="Később Kelemen")])
    observer = MembershipFactory(forum=world.forum, role="observer", representatives=[
        PersonFactory(forum=world.forum, name="Megfigyelő Mária")])
    sent = _send(meeting, django_capture_on_commit_callbacks)
    names = set(meeting.invitations.values_list("name", flat=True))
    assert names == {"Tag Tamás"}
    assert sent == 1 and len(mail.outbox) == 1
    assert left and joins_later and observer
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED


def test_invitation_email_has_agenda_rsvp_link_and_ics_linking_back(
        world, meeting, django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.to == ["member@example.org"]
    assert "Megnyitó" in message.body
    assert "/rsvp/" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["url"]).endswith(f"/f/koszeg/manage/meetings/{meeting.pk}/")
    assert event["summary"].startswith("Kőszegi Járási")


def test_extra_invitees_are_invited_once(world, meeting, django_capture_on_commit_callbacks):
    services.invitation_add_extra(meeting=meeting, name="Vendég Vilma",
                                  email="vilma@example.org")
    _send(meeting, django_capture_on_commit_callbacks)
    _send(meeting, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "vilma@example.org"]


def test_a_meeting_in_the_past_cannot_send_invitations(world, held_meeting):
    with pytest.raises(ValidationError) as exc:
        services.invitations_send(meeting=held_meeting)
    assert "Múltbeli" in str(exc.value)
    assert not held_meeting.invitations.exists()


def test_rescheduling_notifies_everyone_invited_and_resets_answers(
        world, meeting, django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    invitation = meeting.invitations.get()
    services.invitation_respond(invitation=invitation, answer=Rsvp.YES)
    new_start = future(21)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=meeting, starts_at=new_start,
                                ends_at=new_start + datetime.timedelta(hours=2))
    meeting.refresh_from_db()
    invitation.refresh_from_db()
    assert meeting.status == MeetingStatus.RESCHEDULED and meeting.revision == 1
    assert invitation.rsvp == Rsvp.PENDING
    assert len(mail.outbox) == 2 and "megváltozott" in mail.outbox[1].subject
    event = Calendar.from_ical(mail.outbox[1].attachments[0][1]).walk("VEVENT")[0]
    assert event["sequence"] == 1


def test_editing_the_title_is_not_a_rescheduling(world, meeting,
                                                 django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    services.meeting_update(meeting=meeting, title="Új cím")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED and len(mail.outbox) == 1


def test_cancellation_notifies_everyone_invited(world, meeting,
                                                django_capture_on_commit_callbacks):
    _send(meeting, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, reason="Rendkívüli időjárás")
    assert "Elmarad" in mail.outbox[1].subject and "Rendkívüli" in mail.outbox[1].body
    event = Calendar.from_ical(mail.outbox[1].attachments[0][1]).walk("VEVENT")[0]
    assert event["status"] == "CANCELLED"


def test_reminder_skips_those_who_declined(world, meeting, django_capture_on_commit_callbacks):
    services.invitation_add_extra(meeting=meeting, name="Vendég Vilma",
                                  email="vilma@example.org")
    _send(meeting, django_capture_on_commit_callbacks)
    services.invitation_respond(invitation=meeting.invitations.get(name="Vendég Vilma"),
                                answer=Rsvp.NO)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_remind(meeting=meeting) == 1
    assert mail.outbox[-1].to == ["member@example.org"]


# --- RSVP links -----------------------------------------------------------------------------


def test_rsvp_link_answers_without_login_and_can_be_used_again(world, meeting):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    token = services.rsvp_token(invitation)
    services.invitation_respond(invitation=services.invitation_from_token(token),
                                answer=Rsvp.MAYBE)
    services.invitation_respond(invitation=services.invitation_from_token(token),
                                answer=Rsvp.YES)
    invitation.refresh_from_db()
    assert invitation.rsvp == Rsvp.YES and invitation.responded_at


def test_tampered_rsvp_link_is_refused(world, meeting):
    services.invitations_prepare(meeting=meeting)
    token = services.rsvp_token(meeting.invitations.get())
    forged = signing.dumps({"i": meeting.invitations.get().pk, "n": "guess"}, salt="other")
    for bad in (token[:-2] + "xx", forged):
        with pytest.raises(services.RsvpLinkError, match="érvénytelen"):
            services.invitation_from_token(bad)


def test_expired_rsvp_link_is_refused(world, meeting, monkeypatch):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    issued = timezone.now() - services.RSVP_MAX_AGE - datetime.timedelta(days=1)
    with monkeypatch.context() as patch:  # a link issued long ago
        patch.setattr(signing.time, "time", issued.timestamp)
        old = services.rsvp_token(invitation)
    with pytest.raises(services.RsvpLinkError, match="lejárt"):
        services.invitation_from_token(old)


def test_rsvp_link_after_the_meeting_is_refused(world, held_meeting):
    services.invitations_prepare(meeting=held_meeting)
    token = services.rsvp_token(held_meeting.invitations.get())
    with pytest.raises(services.RsvpLinkError, match="lezajlott"):
        services.invitation_from_token(token)


def test_reissued_invitation_refuses_the_old_link(world, meeting):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    old = services.rsvp_token(invitation)
    services.invitation_reissue(invitation=invitation)
    with pytest.raises(services.RsvpLinkError, match="visszavonták"):
        services.invitation_from_token(old)
    assert services.invitation_from_token(services.rsvp_token(invitation)) == invitation


def test_substitute_must_be_from_the_same_organisation(world, meeting):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    colleague = PersonFactory(forum=world.forum, name="Kolléga Kornél")
    colleague.affiliations.create(organisation=world.organisation)
    stranger = PersonFactory(forum=world.forum, name="Idegen Ida")
    with pytest.raises(ValidationError):
        services.invitation_respond(invitation=invitation, answer=Rsvp.NO, substitute=stranger)
    services.invitation_respond(invitation=invitation, answer=Rsvp.NO, substitute=colleague)
    invitation.refresh_from_db()
    assert invitation.substitute == colleague


# --- attendance and quorum ------------------------------------------------------------------


def _members(world, n):
    memberships = []
    for i in range(n):
        org = OrganisationFactory(forum=world.forum, name=f"Tag {i}")
        person = PersonFactory(forum=world.forum, name=f"Képviselő {i}")
        memberships.append(MembershipFactory(forum=world.forum, organisation=org,
                                             representatives=[person]))
    return memberships


def test_quorum_is_more_than_half_of_voting_members_by_default(world, held_meeting):
    others = _members(world, 3)  # 4 voting members with Bozsok
    MembershipFactory(forum=world.forum, role="permanent_invitee")
    present = [(m.representatives.get(), m.organisation) for m in others[:2]]
    services.attendance_record(meeting=held_meeting, people=present, guests=3)
    q = services.quorum(held_meeting)
    assert (q.members, q.present, q.required, q.reached) == (4, 2, 3, False)
    services.attendance_record(meeting=held_meeting, people=present + [
        (world.representative, world.organisation)])
    assert services.quorum(held_meeting).reached


def test_quorum_rule_per_forum(world, held_meeting):
    others = _members(world, 2)
    services.attendance_record(meeting=held_meeting, people=[
        (m.representatives.get(), m.organisation) for m in others])
    services.quorum_rule_set(forum=world.forum, kind=QuorumKind.TWO_THIRDS)
    assert services.quorum(held_meeting).reached  # 2 of 3
    services.quorum_rule_set(forum=world.forum, kind=QuorumKind.COUNT, minimum=3)
    assert not services.quorum(held_meeting).reached
    with pytest.raises(ValidationError):
        services.quorum_rule_set(forum=world.forum, kind=QuorumKind.COUNT)


def test_attendance_marks_the_meeting_held_and_cannot_precede_it(world, meeting, held_meeting):
    services.attendance_record(meeting=held_meeting,
                               people=[(world.representative, world.organisation)], guests=2)
    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.HELD and held_meeting.guests == 2
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, people=[])


def test_attendance_rejects_people_of_another_forum(world, held_meeting):
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=held_meeting, people=[(world.other_person, None)])
    assert not held_meeting.attendances.exists()


# --- minutes --------------------------------------------------------------------------------


def test_minutes_are_sanitised_sent_for_comments_and_approved(
        world, held_meeting, django_capture_on_commit_callbacks):
    services.minutes_save(meeting=held_meeting, kind="memo",
                          body="<p onclick='x()'>Elfogadták.</p><script>alert(1)</script>")
    minutes = Minutes.objects.get(meeting=held_meeting)
    assert minutes.body == "<p>Elfogadták.</p>"
    # The meeting day's members get it; Bozsok's representative is one.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.minutes_send(meeting=held_meeting) == 1
    assert "Véleményezésre" in mail.outbox[0].subject
    services.minutes_approve(meeting=held_meeting, on=datetime.date(2015, 7, 1))
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    with pytest.raises(ValidationError):
        services.minutes_save(meeting=held_meeting, kind="memo", body="<p>más</p>")


def test_empty_minutes_cannot_be_sent(world, held_meeting):
    with pytest.raises(ValidationError):
        services.minutes_send(meeting=held_meeting)


# --- decisions ------------------------------------------------------------------------------


def test_decision_label_is_hungarian_style():
    assert decision_label(3, datetime.date(2015, 6, 16)) == "3/2015. (VI. 16.)"
    assert decision_label(12, datetime.date(2016, 11, 5)) == "12/2016. (XI. 5.)"


def test_decisions_are_numbered_per_forum_and_year(world, held_meeting, koszeg):
    services.attendance_record(meeting=held_meeting,
                               people=[(world.representative, world.organisation)])
    first = services.decision_record(meeting=held_meeting, text="Megalakul a kerekasztal.")
    second = services.decision_record(meeting=held_meeting, text="Elfogadja az SZMSZ-t.",
                                      votes_for=1, votes_against=0, votes_abstain=0)
    later = MeetingFactory(forum=world.forum, number=2, starts_at=at(datetime.date(2016, 3, 1)),
                           ends_at=at(datetime.date(2016, 3, 1), 12), status="held")
    next_year = services.decision_record(meeting=later, text="Munkaterv 2016.")
    assert [first.label, second.label, next_year.label] == [
        "1/2015. (VI. 16.)", "2/2015. (VI. 16.)", "1/2016. (III. 1.)"]
    assert not first.without_quorum


def test_decision_without_quorum_is_flagged(world, held_meeting):
    _members(world, 3)
    services.attendance_record(meeting=held_meeting,
                               people=[(world.representative, world.organisation)])
    decision = services.decision_record(meeting=held_meeting, text="Határozat.")
    assert decision.without_quorum


def test_decision_needs_a_held_meeting(world, meeting):
    with pytest.raises(ValidationError):
        services.decision_record(meeting=meeting, text="Korai.")


def test_follow_up_notes_change_the_status(world, held_meeting):
    services.attendance_record(meeting=held_meeting, people=[])
    decision = services.decision_record(meeting=held_meeting, text="Programterv készül.",
                                        responsible_organisation=world.organisation,
                                        deadline=datetime.date(2015, 11, 25))
    services.decision_follow_up(decision=decision, day=datetime.date(2015, 9, 1),
                                text="A munka elkezdődött.", status=DecisionStatus.IN_PROGRESS)
    services.decision_follow_up(decision=decision, day=datetime.date(2015, 11, 25),
                                text="A konferencián bemutatták.", status=DecisionStatus.DONE)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE and decision.notes.count() == 2


def test_calendar_token_can_be_revoked(world):
    token = services.calendar_token_issue(user=world.member)
    again = services.calendar_token_issue(user=world.member)
    assert token.token != again.token
    services.calendar_token_revoke(user=world.member)
    assert not CalendarToken.objects.filter(user=world.member).exists()


def test_automatic_reminders_go_once_for_meetings_starting_soon(
        world, meeting, koszeg, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    soon = services.meeting_schedule(
        forum=world.forum, title="Holnapi ülés", starts_at=future(1),
        ends_at=future(1, 12), venue_settlement=koszeg)
    for announced in (meeting, soon):
        _send(announced, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders", "--days", "2")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(days=2) == []
    assert [m.subject for m in mail.outbox] == ["Emlékeztető: Holnapi ülés"]


def test_erasing_a_person_keeps_an_anonymous_attendance_and_the_quorum(world, held_meeting):
    services.attendance_record(meeting=held_meeting,
                               people=[(world.representative, world.organisation)])
    world.representative.delete()
    attendance = held_meeting.attendances.get()
    assert attendance.person is None and attendance.person_name == "–"
    assert services.quorum(held_meeting).reached
    services.attendance_record(meeting=held_meeting, people=[], guests=1)
    assert held_meeting.attendances.count() == 1


def test_forgetting_a_person_blanks_their_invitations(world, meeting):
    services.invitations_prepare(meeting=meeting)
    assert services.person_forget(person=world.representative) == 1
    invitation = meeting.invitations.get()
    assert (invitation.name, invitation.email) == ("–", "")
