"""A member organisation's representative registers colleagues; a coordinator records the
names of a paper attendance sheet (no e-mail addresses), each person counted once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kerekasztal.core import access
from kerekasztal.events import indicators, services
from kerekasztal.events.models import Registration, RegistrationStatus
from kerekasztal.forums.models import Forum
from tests.factories import OrganisationFactory

from .conftest import published_event

pytestmark = pytest.mark.django_db

SHEET = services.SheetPerson


def _colleague(event, world, name="Kovács Árpádné", **data):
    data.setdefault("consent", True)
    return services.registration_add_colleague(
        event=event, user=world.member, organisation=world.organisation, name=name, **data)


def _past_event(forum, **data):
    start = timezone.now() - datetime.timedelta(days=3)
    data.setdefault("kind", "training")
    data.setdefault("hours", 4)
    return published_event(forum, starts_at=start, ends_at=start + datetime.timedelta(hours=4),
                           **data)


def _participants(forum) -> int:
    rule = next(r for r in indicators.RULES if r.code == "events.participants")
    return rule.value(Forum.objects.filter(pk=forum.pk), timezone.localdate())


# --- colleagues ---------------------------------------------------------------------------


def test_representative_registers_a_colleague_of_their_organisation_and_the_colleague_is_mailed(
        world, django_capture_on_commit_callbacks):
    event = published_event(world.forum, kind="training", hours=4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = _colleague(event, world, email="Arpadne@Example.org", phone="+36 30 123")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation == world.organisation
    assert registration.organisation_name == "Bozsok Község Önkormányzata"
    assert registration.registered_by == world.member
    assert registration.phone == "+36 30 123"
    assert [m.to for m in mail.outbox] == [["arpadne@example.org"]]


def test_colleague_without_email_where_the_event_requires_one_is_refused(world):
    event = published_event(world.forum)
    with pytest.raises(ValidationError) as error:
        _colleague(event, world, email="")
    assert "csak e-mail-címmel" in str(error.value)
    assert not event.registrations.exists()


def test_colleague_without_email_is_registered_and_nobody_is_mailed(
        world, django_capture_on_commit_callbacks):
    event = published_event(world.forum, registration_email_required=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = _colleague(event, world, name="Dr. Szőke-Nagy  Ödön")
    assert registration.email == "" and registration.name == "Dr. Szőke-Nagy Ödön"
    assert mail.outbox == []
    with pytest.raises(ValidationError) as error:  # the same person again
        _colleague(event, world, name="dr. szoke-nagy ödön")
    assert "már jelentkezett" in str(error.value)
    other = _colleague(event, world, name="Kiss Anna")  # two without e-mail are fine
    assert other.pk and event.registrations.count() == 2


def test_colleagues_fill_the_capacity_then_wait(world):
    event = published_event(world.forum, capacity=1, registration_email_required=False)
    first = _colleague(event, world, name="Első Éva")
    second = _colleague(event, world, name="Második Márk")
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITLISTED
    services.registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED


def test_colleague_after_the_deadline_is_refused_in_hungarian(world):
    start = timezone.now() + datetime.timedelta(days=5)
    event = published_event(world.forum, starts_at=start,
                            ends_at=start + datetime.timedelta(hours=2),
                            registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        _colleague(event, world, email="late@example.org")
    assert "A jelentkezési határidő lejárt." in error.value.messages


def test_member_finds_only_their_organisations_registrations(world):
    event = published_event(world.forum)
    own = _colleague(event, world, email="arpadne@example.org")
    stranger = services.register(event=event, name="Más Mária", email="maria@example.org",
                                 consent=True, organisation=OrganisationFactory(
                                     forum=world.forum, name="Velemi Egyesület"))
    assert access.colleague_registration_for(world.member, event, own.pk) == own
    from django.http import Http404
    with pytest.raises(Http404):
        access.colleague_registration_for(world.member, event, stranger.pk)
    assert list(access.represented_organisations(world.member, world.forum)) == [
        world.organisation]
    assert not access.represented_organisations(world.coordinator, world.forum).exists()


# --- the names of a paper attendance sheet --------------------------------------------------


def test_sheet_names_are_recorded_without_email_with_accents_kept(world):
    event = _past_event(world.forum)
    added = services.attendance_sheet_record(event=event, people=[
        SHEET("Kovács Árpádné", "", "bozsok község önkormányzata"),
        SHEET("Dr. Szőke-Nagy Ödön", "", "Kőszegi Járási Hivatal"),
        SHEET("Tóth Ödönné"),
    ])
    assert [(r.name, r.email, r.organisation_name) for r in added] == [
        ("Kovács Árpádné", "", "Bozsok Község Önkormányzata"),  # the directory's spelling
        ("Dr. Szőke-Nagy Ödön", "", "Kőszegi Járási Hivatal"),
        ("Tóth Ödönné", "", ""),
    ]
    assert added[0].organisation == world.organisation and added[1].organisation is None
    event.refresh_from_db()
    assert event.status == "held" and event.participants_count == 3
    assert all(r.attended for r in added)
    assert _participants(world.forum) == 3


def test_someone_registered_online_and_on_the_sheet_counts_once(world):
    event = _past_event(world.forum, registration_email_required=False)
    online = services.register(event=event, name="Kovács Árpádné", email="arpadne@example.org",
                               consent=True, by_organiser=True)
    colleague = services.register(  # registered by a colleague before the training
        event=event, name="Dr. Szőke-Nagy Ödön", email="", consent=True, by_organiser=True,
        organisation=world.organisation, registered_by=world.member)
    services.attendance_sheet_record(event=event, people=[
        SHEET("KOVÁCS ÁRPÁDNÉ", "", "Bozsok Község Önkormányzata"),  # matched by name
        SHEET("Dr. Szőke-Nagy Ödön", "", "Bozsok Község Önkormányzata"),  # and organisation
        SHEET("Kiss Anna", "", "Velemi Egyesület"),
    ])
    assert event.registrations.count() == 3
    online.refresh_from_db()
    colleague.refresh_from_db()
    assert online.attended and colleague.attended
    assert online.organisation_name == "Bozsok Község Önkormányzata"  # learnt from the sheet
    assert _participants(world.forum) == 3
    # recording the same sheet again changes nothing
    services.attendance_sheet_record(event=event, people=[
        SHEET("Kovács Árpádné", "", "Bozsok Község Önkormányzata"),
        SHEET("Kiss Anna", "", "Velemi Egyesület")])
    assert event.registrations.count() == 3 and _participants(world.forum) == 3


def test_same_name_of_another_organisation_is_another_person(world):
    event = _past_event(world.forum)
    services.register(event=event, name="Kiss Anna", email="anna@example.org", consent=True,
                      by_organiser=True, organisation=world.organisation)
    services.attendance_sheet_record(event=event, people=[
        SHEET("Kiss Anna", "", "Velemi Egyesület")])
    assert event.registrations.count() == 2


def test_a_name_twice_on_the_sheet_is_refused(world):
    event = _past_event(world.forum)
    with pytest.raises(ValidationError) as error:
        services.attendance_sheet_record(event=event, people=[
            SHEET("Kovács Árpádné", "", "Bozsok"), SHEET("kovacs arpadne", "", "BOZSOK")])
    assert "kétszer szerepel" in str(error.value)
    assert not event.registrations.exists()


def test_headcount_is_kept_but_never_below_the_names(world):
    event = _past_event(world.forum)
    services.attendance_record(event=event, participants_count=23)
    services.attendance_sheet_record(event=event, people=[SHEET("Kovács Árpádné")])
    event.refresh_from_db()
    assert event.participants_count == 23
    with pytest.raises(ValidationError) as error:
        services.attendance_sheet_record(event=event, people=[SHEET("Tóth Ödönné")],
                                         participants_count=1)
    assert "nem lehet kevesebb" in str(error.value)


def test_sheet_of_a_future_event_is_refused(world):
    event = published_event(world.forum)
    with pytest.raises(ValidationError):
        services.attendance_sheet_record(event=event, people=[SHEET("Kovács Árpádné")])


def test_the_same_person_without_email_at_two_events_counts_once(world):
    first, second = _past_event(world.forum), _past_event(world.forum, title="Második")
    for event in (first, second):
        services.attendance_sheet_record(event=event, people=[
            SHEET("Kovács Árpádné", "", "Bozsok Község Önkormányzata"), SHEET("Tóth Ödönné")])
    assert Registration.objects.filter(attended=True).count() == 4
    assert _participants(world.forum) == 2


def test_held_event_form_lines_take_an_organisation_instead_of_an_email(world):
    from kerekasztal.events.forms import _sheet_lines

    assert _sheet_lines("Kovács Árpádné; Bozsok Község Önkormányzata\n\n"
                        "Dr. Szőke-Nagy Ödön\tKőszegi Járási Hivatal\n"
                        "Kiss Anna; anna@example.org; Velemi Egyesület\nTóth Ödönné") == [
        SHEET("Kovács Árpádné", "", "Bozsok Község Önkormányzata"),
        SHEET("Dr. Szőke-Nagy Ödön", "", "Kőszegi Járási Hivatal"),
        SHEET("Kiss Anna", "anna@example.org", "Velemi Egyesület"),
        SHEET("Tóth Ödönné", "", ""),
    ]


# --- the pages' query counts do not grow with the people ---------------------------------


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_colleagues_page_queries_do_not_grow_with_the_colleagues(world, client):
    event = published_event(world.forum, registration_email_required=False)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/colleagues/"
    client.force_login(world.member)
    _colleague(event, world, name="Első Éva")
    few = _queries(client, url)
    for n in range(8):
        _colleague(event, world, name=f"Munkatárs {n}")
    assert _queries(client, url) == few


def test_sheet_names_page_queries_do_not_grow_with_the_names(world, client):
    event = _past_event(world.forum)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/attendance/names/"
    client.force_login(world.coordinator)
    services.attendance_sheet_record(event=event, people=[SHEET("Első Éva", "", "Bozsok")])
    few = _queries(client, url)
    services.attendance_sheet_record(event=event, people=[
        SHEET(f"Résztvevő {n}", "", "Velem") for n in range(8)])
    assert _queries(client, url) == few


def test_sheet_names_page_records_the_lines_and_the_scan(world, client, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = _past_event(world.forum)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/attendance/names/"
    client.force_login(world.coordinator)
    scan = SimpleUploadedFile("iv.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {"people": "Kovács Árpádné; Bozsok Község Önkormányzata\n"
                                           "Dr. Szőke-Nagy Ödön\tKőszegi Járási Hivatal",
                                 "participants_count": "", "sheet": scan})
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.attendance_sheet and event.participants_count == 2
    page = client.get(url).content.decode()
    assert "Dr. Szőke-Nagy Ödön" in page and "Kőszegi Járási Hivatal" in page
    for bad in ({"people": ""}, {"people": "a@example.org; x"},
                {"people": "Kiss Anna", "participants_count": "-1"},
                {"people": "Kiss Anna", "participants_count": "1,5"},
                {"people": "á" * 300}):
        response = client.post(url, bad)
        assert response.status_code == 200, bad
        assert 'class="errorlist' in response.content.decode() or "error" in \
            response.content.decode(), bad


def test_the_indicators_drill_down_lists_each_person_once(world):
    from kerekasztal.projects import figures
    from kerekasztal.projects import services as project_services
    from tests.projects.conftest import project_data

    project = project_services.project_create(forum=world.forum, user=world.coordinator,
                                              **project_data(world))
    indicator = project_services.indicator_add(
        project=project, user=world.coordinator, name="Résztvevők", unit="fő",
        target=10, rule="events.participants")
    first, second = _past_event(world.forum), _past_event(world.forum, title="Második")
    for event in (first, second):
        services.attendance_sheet_record(event=event, people=[
            SHEET("Kovács Árpádné", "", "Bozsok Község Önkormányzata"),
            SHEET("Kiss Anna", "anna@example.org")])
    services.attendance_sheet_record(event=second, people=[SHEET("Tóth Ödönné")])
    listed = figures.listed(indicator, timezone.localdate())
    assert sorted(r.name for r in listed) == ["Kiss Anna", "Kovács Árpádné", "Tóth Ödönné"]


def test_organiser_adds_someone_without_email_only_where_the_event_allows(world, client):
    client.force_login(world.coordinator)
    strict = published_event(world.forum)
    loose = published_event(world.forum, registration_email_required=False)
    data = {"name": "Horváth Ödönné", "email": "", "phone": "+36 94 123 456",
            "organisation": world.organisation.pk, "consent": "on"}
    url = f"/f/{world.forum.slug}/manage/events/%s/registrations/new/"
    response = client.post(url % strict.pk, data)
    assert response.status_code == 200 and not strict.registrations.exists()
    assert 'id="id_email_error"' in response.content.decode()
    response = client.post(url % loose.pk, data)
    assert response.status_code == 302
    registration = loose.registrations.get()
    assert (registration.email, registration.phone, registration.organisation_name) == (
        "", "+36 94 123 456", "Bozsok Község Önkormányzata")


def test_a_members_own_registration_records_the_organisation_they_represent(world, client):
    event = published_event(world.forum)
    client.force_login(world.member)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/register/"
    assert "organisation" not in client.get(url).context["form"].fields
    client.post(url, {"consent": "on"})
    own = event.registrations.get(email=world.member.email)
    assert own.organisation == world.organisation
    assert access.colleague_registration_for(world.member, event, own.pk) == own


def test_one_representing_two_organisations_says_on_whose_behalf_they_come(world, client):
    from tests.factories import MembershipFactory

    second = OrganisationFactory(forum=world.forum, name="Csepregi Nyugdíjas Klub")
    MembershipFactory(forum=world.forum, organisation=second,
                      since=datetime.date(2015, 6, 16), representatives=[world.representative])
    event = published_event(world.forum)
    client.force_login(world.member)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/register/"
    answer = client.post(url, {"consent": "on"})
    assert answer.status_code == 200 and answer.context["form"].errors["organisation"]
    client.post(url, {"consent": "on", "organisation": second.pk})
    assert event.registrations.get(email=world.member.email).organisation == second
