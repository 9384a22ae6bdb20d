"""The pages of issues 16 and 17: attendance refused before the start, a member's own
certificate, no withdrawal after attending, a past event in one form, the import of events
held (every row previewed, all or nothing), figures with a Hungarian decimal comma."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kerekasztal.events import services
from kerekasztal.events.models import Event, EventStatus, Registration, RegistrationStatus

from .conftest import published_event

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"events:{name}", kwargs={"forum": world.forum.slug, **kwargs})


@pytest.fixture
def member_client(client, world):
    client.force_login(world.member)
    return client


def _started(world, **data):
    start = timezone.now() - datetime.timedelta(hours=2)
    return published_event(world.forum, starts_at=start,
                           ends_at=start + datetime.timedelta(hours=4), **data)


def test_attendance_page_before_the_start_offers_no_form_and_refuses_a_post(
        coordinator_client, world, event):
    page = coordinator_client.get(_url("attendance", world, pk=event.pk)).content.decode()
    assert "kezdése után rögzíthető" in page and 'name="participants_count"' not in page
    response = coordinator_client.post(_url("attendance", world, pk=event.pk),
                                       {"participants_count": "12"})
    assert response.status_code == 200
    assert "kezdése után rögzíthető" in response.content.decode()
    event.refresh_from_db()
    assert event.participants_count is None


def _certified_member(world):
    event = published_event(world.forum, kind="training", hours=4, title="Attitűdformálás")
    own = services.register(event=event, name="Tag Tamás", email=world.member.email,
                            consent=True)
    other = services.register(event=event, name="Más Márta", email="marta@example.org",
                              consent=True)
    start = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=start,
                                             ends_at=start + datetime.timedelta(hours=4))
    event.refresh_from_db()
    services.attendance_record(event=event, participants_count=2,
                               attended_ids={own.pk, other.pk},
                               completed_ids={own.pk, other.pk})
    services.certificates_issue(event=event)
    return event


def test_member_downloads_only_their_own_certificate(member_client, world):
    event = _certified_member(world)
    page = member_client.get(_url("register_self", world, pk=event.pk)).content.decode()
    assert "Tanúsítványom letöltése" in page
    assert "Jelentkezésem visszavonása" not in page
    response = member_client.get(_url("own_certificate", world, pk=event.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert member_client.get(_url("certificates_pdf", world, pk=event.pk)).status_code == 403


def test_withdrawing_after_attending_is_refused(member_client, world):
    event = _certified_member(world)
    response = member_client.post(_url("register_self_cancel", world, pk=event.pk),
                                  follow=True)
    assert "nem vonható vissza" in response.content.decode()
    assert Registration.objects.get(email=world.member.email).status == \
        RegistrationStatus.CONFIRMED


def test_the_cancel_link_after_the_start_does_not_cancel(client, world):
    event = _started(world, registration_open=True)
    registration = services.register(event=event, name="Kiss Anna", email="anna@example.org",
                                     consent=True, by_organiser=True)
    url = reverse("events:registration_cancel",
                  args=[world.forum.slug, services.cancel_token(registration)])
    response = client.post(url)
    assert response.status_code == 200 and "elkezdődött" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_event_page_shows_the_status_by_the_clock_and_rounded_rates(coordinator_client, world):
    event = _started(world, capacity=12, registration_open=True)
    page = coordinator_client.get(_url("event_detail", world, pk=event.pk)).content.decode()
    assert "Folyamatban" in page and "Jelenlét rögzítése" in page
    services.attendance_record(event=event, participants_count=14)
    page = coordinator_client.get(_url("event_detail", world, pk=event.pk)).content.decode()
    assert "14 / 12 fő (116,7%)" in page


def _held_post(world, **changes):
    from kerekasztal.territory.models import Settlement

    data = {"kind": "parent_club", "title": "Szülői klub", "venue": "Művelődési ház",
            "starts_at": "2015-06-10T16:00", "ends_at": "2015-06-10T18:00",
            "settlements": [Settlement.objects.get(name="Kőszeg").pk], "is_public": "on",
            "participants_count": "14", "people": ""}
    data.update(changes)
    return data


def test_a_past_event_in_one_form(coordinator_client, world):
    response = coordinator_client.post(_url("event_record_held", world), _held_post(
        world, people="Kiss Anna, anna@example.org\nNagy Béla <bela@example.org>"))
    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get()
    assert event.status == EventStatus.HELD and event.participants_count == 14
    assert event.registrations.filter(attended=True).count() == 2


@pytest.mark.parametrize("changes, message", [
    ({"participants_count": "", "people": ""}, "résztvevők számát"),
    ({"participants_count": "-3"}, "0"),
    ({"participants_count": "1,5"}, "egész"),
    ({"people": "Kiss Anna"}, "vesszővel"),
    ({"starts_at": "2099-06-10T16:00", "ends_at": "2099-06-10T18:00"}, "jövőben"),
    ({"starts_at": "", "ends_at": "", "settlements": []}, "kötelező"),
])
def test_the_past_event_form_answers_bad_input_with_a_message(coordinator_client, world,
                                                              changes, message):
    response = coordinator_client.post(_url("event_record_held", world),
                                       _held_post(world, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


CSV = ("Dátum;Kezdés;Befejezés;Cím;Típus;Helyszín;Település;Témák;Létszám\n"
       "2015. 06. 10.;16:00;18:00;Szülői klub;szülői klub;Művelődési ház;KOSZEG;;14\n"
       "2015-09-12;;;Családi nap;Közösségi rendezvény;Várkert;bozsok;;80\n")


def _upload(client, world, text):
    return client.post(_url("import", world), {
        "file": SimpleUploadedFile("rendezvenyek.csv", text.encode(), "text/csv")})


def test_import_of_events_held_previews_then_applies_all(coordinator_client, world):
    response = _upload(coordinator_client, world, CSV)
    assert response.status_code == 302
    preview = coordinator_client.get(response["Location"]).content.decode()
    assert "Családi nap" in preview
    response = coordinator_client.post(response["Location"])
    assert response.status_code == 302
    events = Event.objects.order_by("starts_at")
    assert [(e.title, e.status, e.participants_count) for e in events] == [
        ("Szülői klub", EventStatus.HELD, 14), ("Családi nap", EventStatus.HELD, 80)]
    assert [s.name for s in events[1].settlements.all()] == ["Bozsok"]


def test_import_with_an_unknown_settlement_saves_nothing(coordinator_client, world):
    bad = CSV + "2015-10-01;;;Fórum;Disszeminációs fórum;Iskola;Sehol-sincs;;5\n" \
                "2099-01-01;;;Jövő;Egyéb;Iskola;Kőszeg;;-2\n"
    response = _upload(coordinator_client, world, bad)
    preview = coordinator_client.get(response["Location"]).content.decode()
    assert "Nincs ilyen nevű település" in preview and "Sehol-sincs" in preview
    assert "jövőben" in preview
    coordinator_client.post(response["Location"])
    assert not Event.objects.exists()


def test_a_past_event_with_counts_per_organisation(coordinator_client, world):
    response = coordinator_client.post(_url("event_record_held", world), _held_post(
        world, participants_count="", by_organisation="bozsok kozseg onkormanyzata: 12"))
    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get()
    assert event.participants_count == 12
    page = coordinator_client.get(_url("event_detail", world, pk=event.pk)).content.decode()
    assert "Bozsok Község Önkormányzata: 12" in page


@pytest.mark.parametrize("value, message", [
    ("Ismeretlen Egyesület: 3", "Nincs ilyen nevű szervezet"),
    ("Bozsok Község Önkormányzata: -3", "nem negatív egész"),
    ("Bozsok Község Önkormányzata: 2,5", "nem negatív egész"),
])
def test_bad_counts_per_organisation_get_a_message(coordinator_client, world, value, message):
    response = coordinator_client.post(_url("event_record_held", world), _held_post(
        world, by_organisation=value))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Event.objects.exists()


def test_import_records_the_audience_of_a_training(coordinator_client, world):
    response = _upload(coordinator_client, world, (
        "Dátum;Cím;Típus;Helyszín;Település;Létszám;Résztvevők köre\n"
        "2015-09-24;Esélyteremtő attitűd formálása;Képzés;Városháza;Kőszeg;15;"
        "a települések HEP-megbízottjai\n"
        "2015-09-25;Szülői klub;Szülői klub;Városháza;Kőszeg;12;\n"))
    coordinator_client.post(response["Location"])
    assert [(e.title, e.audience) for e in Event.objects.order_by("starts_at")] == [
        ("Esélyteremtő attitűd formálása", "a települések HEP-megbízottjai"),
        ("Szülői klub", "")]
    page = coordinator_client.get(_url("event_detail", world, pk=Event.objects.order_by(
        "starts_at").first().pk)).content.decode()
    assert "Résztvevők köre" in page and "A települések HEP-megbízottjai" in page


def test_import_puts_the_rows_marked_public_on_the_public_site(coordinator_client, world,
                                                                client):
    response = _upload(coordinator_client, world, (
        "Dátum;Cím;Típus;Helyszín;Település;Létszám;Nyilvános\n"
        "2015-09-12;Szentmiklósi Napok;Disszeminációs fórum;Zenepavilon;Kőszeg;40;igen\n"
        "2015-09-25;Belső egyeztetés;Szakmai rendezvény;Városháza;Kőszeg;12;\n"
        "2015-09-26;Harmadik;Szakmai rendezvény;Városháza;Kőszeg;12;talán\n"))
    preview = coordinator_client.get(response["Location"]).content.decode()
    assert "Írjon „igen”-t vagy „nem”-et" in preview  # the third row only
    response = _upload(coordinator_client, world, (
        "Dátum;Cím;Típus;Helyszín;Település;Létszám;Nyilvános\n"
        "2015-09-12;Szentmiklósi Napok;Disszeminációs fórum;Zenepavilon;Kőszeg;40;igen\n"
        "2015-09-25;Belső egyeztetés;Szakmai rendezvény;Városháza;Kőszeg;12;\n"))
    coordinator_client.post(response["Location"])
    assert [(e.title, e.is_public) for e in Event.objects.order_by("starts_at")] == [
        ("Szentmiklósi Napok", True), ("Belső egyeztetés", False)]
    public = client.get(f"/f/{world.forum.slug}/events/?past=1").content.decode()
    assert "Szentmiklósi Napok" in public and "Belső egyeztetés" not in public
