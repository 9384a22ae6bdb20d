"""Pages of the coordinator's flow, documents, exports and who sees what."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from kerekasztal.documents import publicity
from kerekasztal.documents.publicity import Publicity
from kerekasztal.meetings import services
from kerekasztal.meetings.models import Decision, Meeting, MeetingStatus, Minutes, Rsvp
from tests.conftest import login
from tests.factories import MembershipFactory, PersonFactory

from .factories import MeetingFactory, at

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)
                                  if response.streaming else response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def summaries(response) -> str:
    return "\n".join(str(event["summary"])
                     for event in Calendar.from_ical(response.content).walk("VEVENT"))


# --- scheduling --------------------------------------------------------------------------


def test_coordinator_schedules_a_meeting_with_the_next_number(coordinator_client, world,
                                                              koszeg):
    response = coordinator_client.get(url("create", world))
    assert response.status_code == 200 and 'value="1"' in response.content.decode()
    response = coordinator_client.post(url("create", world), {
        "number": "", "title": "A 4. ülés", "starts_at": "2030-03-04T10:00",
        "ends_at": "2030-03-04T12:00", "venue_settlement": koszeg.pk,
        "venue_address": "Jurisics tér 8.", "visibility": "closed",
    })
    meeting = Meeting.objects.get(forum=world.forum)
    assert response.status_code == 302 and meeting.number == 1
    assert response["Location"] == url("agenda", world, pk=meeting.pk)


def test_bad_meeting_input_is_reported_next_to_the_field(coordinator_client, world):
    response = coordinator_client.post(url("create", world), {
        "title": "Ülés", "starts_at": "2030-03-04T10:00", "ends_at": "2030-03-04T09:00",
        "visibility": "closed"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ends_at_error"' in content and "későbbi a kezdésnél" in content
    assert not Meeting.objects.exists()


def test_overlapping_meeting_warns(coordinator_client, world, meeting, koszeg):
    start = meeting.starts_at.astimezone(datetime.UTC)
    response = coordinator_client.post(url("create", world), {
        "title": "Átfedő", "starts_at": meeting.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": meeting.ends_at.strftime("%Y-%m-%dT%H:%M"),
        "venue_settlement": koszeg.pk, "visibility": "closed"}, follow=True)
    assert start and "ugyanekkor van egy másik ülése" in response.content.decode()


def test_moving_an_announced_meeting_on_the_edit_page_notifies_the_invitees(
        coordinator_client, world, meeting, koszeg, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url("edit", world, pk=meeting.pk), {
            "number": "4", "title": meeting.title, "starts_at": "2030-05-06T14:00",
            "ends_at": "2030-05-06T16:00", "venue_settlement": koszeg.pk,
            "visibility": "closed"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.RESCHEDULED
    assert "megváltozott" in mail.outbox[-1].subject and len(mail.outbox) == 2


# --- agenda ------------------------------------------------------------------------------


def test_agenda_items_are_added_and_moved_without_js(coordinator_client, world, meeting):
    coordinator_client.post(url("agenda", world, pk=meeting.pk), {"title": "Beszámoló"})
    item = meeting.agenda_items.get(title="Beszámoló")
    response = coordinator_client.post(
        url("agenda_item_move", world, pk=meeting.pk, item=item.pk), {"direction": "up"})
    assert response.status_code == 302
    assert [i.title for i in meeting.agenda_items.order_by("position")] == [
        "Beszámoló", "Megnyitó"]
    page = coordinator_client.get(url("agenda", world, pk=meeting.pk)).content.decode()
    assert 'hx-post="' in page and 'name="direction"' in page


def test_attachment_upload_refuses_bad_type_and_serves_to_members_only(
        coordinator_client, client, world, meeting, media):
    item = meeting.agenda_items.get()
    edit = url("agenda_item_edit", world, pk=meeting.pk, item=item.pk)
    response = coordinator_client.post(edit, {"file-name": "Rossz", "file-file":
                                              SimpleUploadedFile("x.exe", b"MZ" + b"\0" * 50)})
    assert "nem megengedett típusú" in response.content.decode()
    assert not item.attachments.exists()
    coordinator_client.post(edit, {"file-name": "Programterv", "file-file":
                                   SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF\n")})
    attachment = item.attachments.get()
    download = url("attachment", world, pk=meeting.pk, attachment=attachment.pk)
    member = login(client, world.member)
    assert member.get(download).status_code == 200
    assert login(client, world.outsider).get(download).status_code == 403
    assert login(client, world.settlement_officer).get(download).status_code == 403


# --- invitations and RSVP ----------------------------------------------------------------


def test_invitations_are_sent_and_answered_through_the_emailed_link(
        coordinator_client, client, world, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url("invitations_send", world, pk=meeting.pk),
                                           follow=True)
    assert "1 meghívót küldtünk ki" in response.content.decode()
    link = re.search(r"http://\S+/meetings/rsvp/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    page = client.get(f"/{path}")
    assert page.status_code == 200 and "A járási esélyteremtő programterv" in page.content.decode()
    response = client.post(f"/{path}", {"answer": "yes"})
    assert "rögzítettük a válaszát" in response.content.decode()
    assert meeting.invitations.get().rsvp == Rsvp.YES
    tampered = client.get(f"/{path[:-2]}x/")
    assert tampered.status_code == 410 and "érvénytelen" in tampered.content.decode()


def test_past_meeting_cannot_send_invitations_and_says_why(coordinator_client, world,
                                                           held_meeting):
    response = coordinator_client.post(url("invitations_send", world, pk=held_meeting.pk),
                                       follow=True)
    assert "Múltbeli ülésre nem lehet meghívót küldeni" in response.content.decode()
    assert not mail.outbox


def test_member_answers_on_the_meeting_page(member_client, world, meeting):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    page = member_client.get(url("detail", world, pk=meeting.pk)).content.decode()
    assert "Az Ön visszajelzése" in page
    member_client.post(url("rsvp_own", world, pk=meeting.pk, invitation=invitation.pk),
                       {f"inv{invitation.pk}-answer": "maybe"})
    invitation.refresh_from_db()
    assert invitation.rsvp == Rsvp.MAYBE


def test_an_answer_without_a_choice_is_shown_again_with_what_was_typed(member_client, world,
                                                                      meeting):
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get()
    response = member_client.post(
        url("rsvp_own", world, pk=meeting.pk, invitation=invitation.pk),
        {f"inv{invitation.pk}-substitute_name": "Helyettes Hajnalka"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Válassza ki, részt vesz-e az ülésen." in page
    assert 'value="Helyettes Hajnalka"' in page
    invitation.refresh_from_db()
    assert invitation.rsvp == Rsvp.PENDING


def test_member_cannot_answer_someone_elses_invitation(member_client, world, meeting):
    other = PersonFactory(forum=world.forum, name="Más Mihály")
    MembershipFactory(forum=world.forum, representatives=[other])
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get(person=other)
    response = member_client.post(url("rsvp_own", world, pk=meeting.pk,
                                      invitation=invitation.pk), {
        f"inv{invitation.pk}-answer": "no"})
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.rsvp == Rsvp.PENDING


# --- documents ---------------------------------------------------------------------------


@pytest.fixture
def sixty_members(world):
    for i in range(3):
        MembershipFactory(forum=world.forum, representatives=[
            PersonFactory(forum=world.forum, name=f"Képviselő {i}")])


def test_attendance_sheet_pdf_lists_every_representative_with_publicity(
        coordinator_client, world, meeting, sixty_members):
    block = Publicity("Kőszeg Város Önkormányzata", "Esélyteremtési Akcióprogram",
                      "ÁROP-1.A.3-2014-2014-0019", ["Az Európai Unió támogatásával"])
    saved = list(publicity._providers)
    publicity.register(lambda record: block if isinstance(record, Meeting) else None)
    try:
        response = coordinator_client.get(url("attendance_sheet", world, pk=meeting.pk,
                                              doc="pdf"))
    finally:
        publicity._providers[:] = saved
    text = pdf_text(response)
    for expected in ("Jelenléti ív", "4. ülés", "Tag Tamás", "Bozsok Község Önkormányzata",
                     "Képviselő 2", "Aláírás", "Vendégek", "ÁROP-1.A.3-2014-2014-0019",
                     "Kőszegi Járási Felzárkózási Kerekasztal", "Kőszeg"):
        assert expected in text, expected


def test_attendance_sheet_and_invitation_as_docx(coordinator_client, world, meeting):
    response = coordinator_client.get(url("attendance_sheet", world, pk=meeting.pk,
                                          doc="docx"))
    document = Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Tag Tamás" in cells and "Bozsok Község Önkormányzata" in cells
    response = coordinator_client.get(url("invitation_document", world, pk=meeting.pk,
                                          doc="docx"))
    texts = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Megnyitó" in texts and "Meghívó" in texts
    assert coordinator_client.get(url("invitation_document", world, pk=meeting.pk,
                                      doc="exe")).status_code == 404


def _hold(world, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=at(datetime.date(2015, 6, 16)), ends_at=at(datetime.date(2015, 6, 16), 12))
    meeting.refresh_from_db()


def test_attendance_minutes_and_decision_flow(coordinator_client, world, meeting,
                                              django_capture_on_commit_callbacks):
    member_client = login(Client(), world.member)
    _hold(world, meeting)
    response = coordinator_client.post(url("attendance_edit", world, pk=meeting.pk), {
        "present": [f"{world.representative.pk}:{world.organisation.pk}"], "guests": "2"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.attendances.count() == 1
    page = coordinator_client.get(url("attendance", world, pk=meeting.pk)).content.decode()
    assert "Határozatképes" in page

    coordinator_client.post(url("minutes_edit", world, pk=meeting.pk), {
        "kind": "memo", "recorder": "Horváth Katalin",
        "body": "<p>A kerekasztal megalakult.</p><script>x</script>"})
    assert Minutes.objects.get(meeting=meeting).body == "<p>A kerekasztal megalakult.</p>"
    # A draft is not shown to members yet.
    assert "megalakult" not in member_client.get(url("minutes", world, pk=meeting.pk)) \
        .content.decode()
    assert member_client.get(url("minutes_document", world, pk=meeting.pk, doc="pdf")) \
        .status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url("minutes_send", world, pk=meeting.pk),
                                {"comments_until": "2015-06-30"})
    assert "megalakult" in member_client.get(url("minutes", world, pk=meeting.pk)) \
        .content.decode()

    response = coordinator_client.post(url("decision_create", world, pk=meeting.pk), {
        "text": "A kerekasztal elfogadja működési rendjét.", "votes_for": "1",
        "responsible_organisation": world.organisation.pk, "deadline": "2015-09-30"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.label == "1/2015. (VI. 16.)"
    coordinator_client.post(url("decision_detail", world, pk=decision.pk), {
        "day": "2015-09-01", "status": "done", "text": "Teljesült."})
    decision.refresh_from_db()
    assert decision.status == "done"

    coordinator_client.post(url("minutes_approve", world, pk=meeting.pk),
                            {"approved_on": "2015-07-01"})
    text = pdf_text(member_client.get(url("minutes_document", world, pk=meeting.pk,
                                          doc="pdf")))
    for expected in ("Emlékeztető", "A kerekasztal megalakult.", "1/2015. (VI. 16.)",
                     "határozatképes", "Tag Tamás", "Horváth Katalin"):
        assert expected in text, expected
    docx = member_client.get(url("minutes_document", world, pk=meeting.pk, doc="docx"))
    texts = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "A kerekasztal megalakult." in texts and "1/2015. (VI. 16.)" in texts


def test_register_filters_and_exports(coordinator_client, world, held_meeting):
    services.attendance_record(meeting=held_meeting, people=[
        (world.representative, world.organisation)])
    services.decision_record(meeting=held_meeting, text="=HYPERLINK() első")
    done = services.decision_record(meeting=held_meeting, text="Második")
    services.decision_follow_up(decision=done, day=datetime.date(2015, 7, 1), text="Kész",
                                status="done")
    page = coordinator_client.get(url("register", world) + "?status=done").content.decode()
    assert "2/2015. (VI. 16.)" in page and "1/2015. (VI. 16.)" not in page
    csv = coordinator_client.get(url("register_export", world, fmt="csv")).content.decode()
    assert "'=HYPERLINK() első" in csv
    xlsx = coordinator_client.get(url("register_export", world, fmt="xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_attendance_per_organisation(coordinator_client, world, held_meeting):
    services.attendance_record(meeting=held_meeting, people=[
        (world.representative, world.organisation)])
    page = coordinator_client.get(url("attendance_stats", world)).content.decode()
    assert "Bozsok Község Önkormányzata" in page and "100%" in page
    csv = coordinator_client.get(url("attendance_stats_export", world, fmt="csv"))
    assert "Bozsok" in csv.content.decode()


# --- who sees what -------------------------------------------------------------------------


def test_members_see_their_forums_closed_meetings_and_nobody_else(client, world, meeting):
    other = MeetingFactory(forum=world.other_forum, title="Más fórum ülése")
    member = login(client, world.member)
    assert meeting.title in member.get(url("list", world)).content.decode()
    assert member.get(reverse("meetings:detail", kwargs={
        "forum": world.other_forum.slug, "pk": other.pk})).status_code == 403
    assert member.get(url("detail", world, pk=other.pk)).status_code == 404
    assert login(client, world.outsider).get(url("detail", world, pk=meeting.pk)) \
        .status_code == 403


def test_public_site_shows_public_meetings_without_closed_materials(client, world, meeting,
                                                                    media):
    closed = MeetingFactory(forum=world.forum, title="Zárt ülés")
    meeting.visibility = "public"
    meeting.save(update_fields=["visibility"])
    services.attachment_add(item=meeting.agenda_items.get(), name="Titkos melléklet",
                            file=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF\n"))
    public = reverse("meetings:public_list", kwargs={"forum": world.forum.slug})
    page = client.get(public).content.decode()
    assert meeting.title in page and closed.title not in page
    detail = client.get(reverse("meetings:public_detail", kwargs={
        "forum": world.forum.slug, "pk": meeting.pk})).content.decode()
    assert "Megnyitó" in detail and "Titkos melléklet" not in detail
    assert client.get(reverse("meetings:public_detail", kwargs={
        "forum": world.forum.slug, "pk": closed.pk})).status_code == 404
    calendar = reverse("meetings:public_calendar", kwargs={"forum": world.forum.slug})
    ics = summaries(client.get(calendar))
    assert meeting.title in ics and closed.title not in ics
    # kept in the public page cache until the forum changes: a session made public shows
    assert client.get(calendar)["X-Page-Cache"] == "hit"
    closed.visibility = "public"
    closed.save(update_fields=["visibility"])
    again = client.get(calendar)
    assert again["X-Page-Cache"] == "miss" and closed.title in summaries(again)


def test_member_calendar_feed_by_secret_token_until_revoked(client, world, meeting):
    other = MeetingFactory(forum=world.other_forum, title="Más fórum ülése")
    member = login(client, world.member)
    member.post(reverse("meetings:calendar_settings"), {"action": "issue"})
    token = world.member.meeting_calendar.token
    client.logout()
    feed = summaries(client.get(reverse("meetings:calendar_feed", args=[token])))
    assert meeting.title in feed and other.title not in feed
    login(client, world.member).post(reverse("meetings:calendar_settings"),
                                     {"action": "revoke"})
    client.logout()
    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404


# --- query counts ------------------------------------------------------------------------


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["list", "register", "attendance_stats"])
def test_list_pages_query_count_does_not_grow(coordinator_client, world, name, koszeg):
    def add(n):
        start = Meeting.objects.count()
        for i in range(n):
            meeting = MeetingFactory(forum=world.forum, number=100 + start + i,
                                     starts_at=at(datetime.date(2016, 1, 1 + start + i)),
                                     ends_at=at(datetime.date(2016, 1, 1 + start + i), 12),
                                     status="held")
            meeting.attendances.create(person=world.representative,
                                       organisation=world.organisation)
            services.decision_record(meeting=meeting, text="Határozat",
                                     responsible_organisation=world.organisation)
    add(2)
    few = _count(coordinator_client, url(name, world))
    add(10)
    assert few > 5
    assert _count(coordinator_client, url(name, world)) == few


def test_public_list_query_count_does_not_grow(client, world):
    for _i in range(2):
        MeetingFactory(forum=world.forum, visibility="public")
    few = _count(client, reverse("meetings:public_list", kwargs={"forum": world.forum.slug}))
    assert few > 1
    for _i in range(10):
        MeetingFactory(forum=world.forum, visibility="public")
    assert _count(client, reverse("meetings:public_list",
                                  kwargs={"forum": world.forum.slug})) == few


def test_members_comment_on_minutes_out_for_comments_only(client, world, held_meeting,
                                                          django_capture_on_commit_callbacks):
    member = login(client, world.member)
    comment = url("minutes_comment", world, pk=held_meeting.pk)
    services.minutes_save(meeting=held_meeting, kind="memo", body="<p>Tervezet</p>")
    response = member.post(comment, {"text": "Korai."}, follow=True)
    assert "véleményezésre kiküldött" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send(meeting=held_meeting)
    response = member.post(comment, {"text": "A 2. pontot pontosítani kérjük."}, follow=True)
    assert "A 2. pontot pontosítani kérjük." in response.content.decode()
    assert Minutes.objects.get(meeting=held_meeting).comments.get().author == world.member
    auditor = login(client, world.auditor)
    assert auditor.post(comment, {"text": "x"}).status_code == 403
    assert "A 2. pontot" in auditor.get(url("minutes", world, pk=held_meeting.pk)) \
        .content.decode()


def test_emails_are_hungarian_whatever_the_senders_language(
        world, meeting, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(meeting=meeting)
    assert mail.outbox[0].subject.startswith("Meghívó:")
    assert "Tisztelt Tag Tamás!" in mail.outbox[0].body


def test_working_group_meetings_are_its_own(client, world, koszeg):
    from tests.factories import ForumFactory

    group = ForumFactory(name="Gyermekszegénység munkacsoport", slug="gyermek",
                         kind="working_group", parent=world.forum)
    colleague = PersonFactory(forum=world.forum, name="Munkacsoport Mónika",
                              user=world.outsider)
    MembershipFactory(forum=group, organisation=world.organisation,
                      representatives=[colleague])
    group_meeting = MeetingFactory(forum=group, title="Munkacsoport-ülés")
    main_meeting = MeetingFactory(forum=world.forum, title="Kerekasztal-ülés")
    coordinator = login(client, world.coordinator)  # the parent's coordinator manages it
    assert coordinator.get(reverse("meetings:edit", kwargs={
        "forum": "gyermek", "pk": group_meeting.pk})).status_code == 200
    member = login(client, world.outsider)  # a member of the working group only
    page = member.get(reverse("meetings:list", kwargs={"forum": "gyermek"})).content.decode()
    assert "Munkacsoport-ülés" in page and "Kerekasztal-ülés" not in page
    assert member.get(url("detail", world, pk=main_meeting.pk)).status_code == 403


def test_attendance_sheet_lists_a_named_substitute(coordinator_client, world, meeting):
    services.invitations_prepare(meeting=meeting)
    colleague = PersonFactory(forum=world.forum, name="Helyettes Hanna")
    colleague.affiliations.create(organisation=world.organisation)
    services.invitation_respond(invitation=meeting.invitations.get(), answer=Rsvp.NO,
                                substitute=colleague)
    response = coordinator_client.get(url("attendance_sheet", world, pk=meeting.pk,
                                          doc="docx"))
    cells = [c.text for t in Document(io.BytesIO(response.content)).tables
             for r in t.rows for c in r.cells]
    assert "Helyettes Hanna" in cells and "Tag Tamás" in cells


def test_agenda_presenters_are_typed_by_name_not_listed(client, world):
    from kerekasztal.directory.models import Person

    login(client, world.coordinator)
    meeting = MeetingFactory(forum=world.forum)
    for i in range(30):
        PersonFactory(forum=world.forum, name=f"Sokadik Személy {i:02d}")
    page = client.get(url("agenda", world, pk=meeting.pk)).content.decode()
    assert "Sokadik Személy" not in page  # no option per person of the directory
    ambiguous = client.post(url("agenda", world, pk=meeting.pk),
                            {"title": "Beszámoló", "presenter_person": "Sokadik"})
    assert ambiguous.status_code == 200
    assert "Több találat" in ambiguous.content.decode()
    unknown = client.post(url("agenda", world, pk=meeting.pk),
                          {"title": "Beszámoló", "presenter_person": "Senki Sándor"})
    assert "Nincs ilyen nevű rekord" in unknown.content.decode()
    added = client.post(url("agenda", world, pk=meeting.pk),
                        {"title": "Beszámoló", "presenter_person": "sokadik személy 07",
                         "presenter_organisation": "Bozsok"})
    assert added.status_code == 302
    item = meeting.agenda_items.get()
    assert item.presenter_person == Person.objects.get(name="Sokadik Személy 07")
    assert item.presenter_organisation == world.organisation
    edit = client.get(url("agenda_item_edit", world, pk=meeting.pk, item=item.pk))
    assert 'value="Sokadik Személy 07"' in edit.content.decode()
