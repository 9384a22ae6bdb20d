"""Events: pages of the workspace and the public site, feeds and documents."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kerekasztal.events import services
from kerekasztal.events.models import Event, EventStatus, Photo, RegistrationStatus
from kerekasztal.territory.models import Settlement

from .conftest import future, make_event, png_upload, published_event

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"events:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _form(world, **overrides):
    data = {
        "kind": "dissemination", "title": "Szentmiklósi Napok - disszeminációs esemény",
        "starts_at": "2026-09-12T13:00", "ends_at": "2026-09-12T15:00",
        "venue": "Zenepavilon környéke", "settlements": [Settlement.objects.get(
            name="Kőszeg").pk], "is_public": "on",
    }
    data.update(overrides)
    return data


# --- workspace ------------------------------------------------------------------------


def test_coordinator_creates_an_event(coordinator_client, world):
    response = coordinator_client.post(_url("event_create", world), _form(world))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("event_detail", world, pk=event.pk)
    assert event.status == EventStatus.PLANNED and event.forum == world.forum


def test_end_before_start_shows_a_hungarian_message_next_to_the_field(coordinator_client, world):
    response = coordinator_client.post(_url("event_create", world),
                                       _form(world, ends_at="2026-09-12T12:00"))
    assert response.status_code == 200
    assert "A befejezés nem lehet korábbi a kezdésnél." in response.content.decode()
    assert 'id="id_ends_at_error"' in response.content.decode()
    assert not Event.objects.exists()


def test_capacity_below_registered_is_reported_on_the_form(coordinator_client, world):
    event = published_event(world.forum)
    for n in range(3):
        services.register(event=event, name=f"R{n}", email=f"r{n}@example.org", consent=True)
    data = _form(world, capacity=2, registration_open="on",
                 starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
                 ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"))
    response = coordinator_client.post(_url("event_edit", world, pk=event.pk), data)
    assert response.status_code == 200
    assert "visszaigazolt jelentkezők számánál (3)" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity is None


def test_series_form_creates_the_events(coordinator_client, world):
    response = coordinator_client.post(_url("series_create", world), _form(
        world, kind="parent_club", title="Szülői klub", every="biweekly", count="8"))
    assert response.status_code == 302
    assert Event.objects.filter(series__isnull=False).count() == 8


def test_publish_and_cancel_from_the_workspace(coordinator_client, world):
    event = make_event(world.forum)
    coordinator_client.post(_url("event_publish", world, pk=event.pk))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    coordinator_client.post(_url("event_cancel", world, pk=event.pk), {"reason": "Eső"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.cancel_reason == "Eső"


def _many_events(world, n):
    for i in range(n):
        event = make_event(world.forum, title=f"Rendezvény {i}", registration_open=True,
                           topics=[], partners=[world.organisation],
                           organiser=world.organisation)
        services.event_publish(event=event)
        services.register(event=event, name="X", email=f"x{i}@example.org", consent=True)
        services.photo_add(event=event, image=png_upload(), alt_text=f"Kép {i}", consent=True)


@pytest.mark.parametrize("name", [
    "event_list", "event_export_csv", "public_calendar", "public_calendar_month",
    "public_export_xlsx", "public_ical", "public_feed", "public_gallery", "api"])
def test_list_query_count_does_not_grow(client, world, name, media):
    client.force_login(world.coordinator)
    url = {
        "event_export_csv": _url("event_export", world, fmt="csv"),
        "public_export_xlsx": _url("public_export", world, fmt="xlsx"),
        "public_calendar_month": _url("public_calendar", world) + "?view=month&month="
        + timezone.localtime(future()).strftime("%Y-%m"),
    }.get(name) or (None if name == "api" else _url(name, world))
    if name == "api":
        from ninja.testing import TestClient

        from kerekasztal.events.api import router

        api = TestClient(router)

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert api.get("/events/").status_code == 200
            return len(queries)

        _many_events(world, 2)
        few = count()
        _many_events(world, 10)
        assert count() == few
        return

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _many_events(world, 2)
    few = count()
    _many_events(world, 10)
    assert Event.objects.count() == 12
    assert count() == few


def test_registration_list_query_count_does_not_grow(coordinator_client, world):
    event = published_event(world.forum)
    url = _url("registration_list", world, pk=event.pk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        return len(queries)

    def add(start, n):
        for i in range(start, start + n):
            services.register(event=event, name=f"R{i}", email=f"r{i}@example.org",
                              consent=True, settlement=Settlement.objects.get(name="Bük"))

    add(0, 2)
    few = count()
    add(2, 10)
    assert count() == few


def test_public_export_has_only_public_events(client, world):
    published_event(world.forum, title="Nyilvános fórum")
    services.event_publish(event=make_event(world.forum, title="Zárt ülés", is_public=False))
    body = client.get(_url("public_export", world, fmt="csv")).content.decode("utf-8-sig")
    assert "Nyilvános fórum" in body and "Zárt ülés" not in body


def test_organiser_adds_a_phone_registration_even_after_the_deadline(coordinator_client,
                                                                     world):
    event = published_event(world.forum, capacity=1, registration_deadline=future(days=10))
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    url = _url("registration_add", world, pk=event.pk)
    response = coordinator_client.post(url, {"name": "Telefonos Teréz",
                                             "email": "terez@example.org"})
    assert "Csak az adatkezeléshez hozzájáruló" in response.content.decode()
    assert not event.registrations.exists()
    coordinator_client.post(url, {"name": "Telefonos Teréz", "email": "terez@example.org",
                                  "consent": "on"})
    coordinator_client.post(url, {"name": "Második Tivadar", "email": "tivadar@example.org",
                                  "consent": "on"})
    assert dict(event.registrations.values_list("email", "status")) == {
        "terez@example.org": RegistrationStatus.CONFIRMED,
        "tivadar@example.org": RegistrationStatus.WAITLISTED}


def test_registrations_export_and_personal_data_only_for_coordinator_and_auditor(client, world):
    event = published_event(world.forum)
    services.register(event=event, name="Kovács Éva", email="eva@example.org", consent=True)
    url = _url("registration_export", world, pk=event.pk, fmt="csv")
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    client.force_login(world.auditor)
    response = client.get(url)
    assert "Kovács Éva" in response.content.decode("utf-8-sig")


def test_attendance_with_breakdown_and_check_in(coordinator_client, world):
    start = timezone.now() - datetime.timedelta(days=1)
    event = published_event(world.forum, starts_at=future(days=2), ends_at=future(days=2,
                            hour=16))
    registration = services.register(event=event, name="Kovács Éva", email="e@example.org",
                                     consent=True)
    Event.objects.filter(pk=event.pk).update(starts_at=start,
                                             ends_at=start + datetime.timedelta(hours=2))
    koszeg = Settlement.objects.get(name="Kőszeg")
    response = coordinator_client.post(_url("attendance", world, pk=event.pk), {
        "participants_count": "35", "age_62+": "20", f"settlement_{koszeg.pk}": "30",
        "attended": [str(registration.pk)],
    })
    assert response.status_code == 302
    event.refresh_from_db()
    registration.refresh_from_db()
    assert event.participants_count == 35 and event.status == EventStatus.HELD
    assert registration.attended


def test_attendance_breakdown_above_total_is_refused(coordinator_client, world):
    start = timezone.now() - datetime.timedelta(hours=1)
    event = published_event(world.forum, starts_at=start,
                            ends_at=start + datetime.timedelta(hours=2))
    response = coordinator_client.post(_url("attendance", world, pk=event.pk), {
        "participants_count": "5", "age_62+": "20"})
    assert response.status_code == 200
    assert "nem lehet több a résztvevők számánál" in response.content.decode()


def test_attendance_sheet_pdf_lists_the_registered(coordinator_client, world):
    event = published_event(world.forum)
    services.register(event=event, name="Kovács Éva", email="e@example.org", consent=True)
    text = _pdf_text(coordinator_client.get(_url("attendance_sheet", world, pk=event.pk)))
    assert "Jelenléti ív" in text and "Kovács Éva" in text and "Zenepavilon" in text


def test_report_and_its_pdf_and_docx(coordinator_client, world):
    event = published_event(world.forum)
    response = coordinator_client.post(_url("report", world, pk=event.pk), {
        "summary": "Negyven résztvevő, jó hangulat.",
        "problems_raised": "Nincs buszjárat Bozsokra hétvégén."})
    assert response.status_code == 302
    text = _pdf_text(coordinator_client.get(_url("report_pdf", world, pk=event.pk)))
    assert "Negyven résztvevő" in text and "Nincs buszjárat Bozsokra" in text
    from docx import Document

    response = coordinator_client.get(_url("report_docx", world, pk=event.pk))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    body = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert f"Beszámoló: {event.title}" in body
    assert "Negyven résztvevő" in body and "Nincs buszjárat Bozsokra" in body
    assert "Kőszeg" in body and "Résztvevők száma: nincs rögzítve" in body


def test_report_needs_a_summary(coordinator_client, world):
    event = published_event(world.forum)
    response = coordinator_client.post(_url("report", world, pk=event.pk), {"summary": ""})
    assert response.status_code == 200 and 'id="id_summary_error"' in response.content.decode()


def test_photo_upload_of_several_photos(coordinator_client, world, media):
    event = published_event(world.forum)
    response = coordinator_client.post(_url("photos", world, pk=event.pk), {
        "images": [png_upload("a.png"), png_upload("b.png")], "alt_text": "Résztvevők",
        "consent": "on"})
    assert response.status_code == 302
    assert Photo.objects.filter(event=event, consent=True).count() == 2


def test_photo_upload_that_is_not_an_image_saves_nothing(coordinator_client, world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = published_event(world.forum)
    response = coordinator_client.post(_url("photos", world, pk=event.pk), {
        "images": [png_upload("a.png"), SimpleUploadedFile("b.jpg", b"not an image at all")],
        "alt_text": "Résztvevők"})
    assert response.status_code == 200
    assert "nem megengedett típusú" in response.content.decode()
    assert not Photo.objects.exists()


def test_training_certificates_pdf_and_public_verification(coordinator_client, client, world):
    event = published_event(world.forum, kind="training", hours=6, trainer="Dr. Kiss Anna",
                            title="Esélyteremtő attitűd formálása")
    registration = services.register(event=event, name="Kovács Éva", email="e@example.org",
                                     consent=True)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(hours=18))
    coordinator_client.post(_url("attendance", world, pk=event.pk), {
        "participants_count": "1", "attended": [registration.pk],
        "completed": [registration.pk]})
    coordinator_client.post(_url("certificates_issue", world, pk=event.pk))
    registration.refresh_from_db()
    assert registration.certificate_number
    text = _pdf_text(coordinator_client.get(_url("certificates_pdf", world, pk=event.pk)))
    assert "TANÚSÍTVÁNY" in text and "Kovács Éva" in text
    assert "Esélyteremtő attitűd formálása" in text and registration.verification_code in text
    client.logout()
    page = client.get(_url("certificate_verify", world),
                      {"code": registration.verification_code}).content.decode()
    assert "A tanúsítvány érvényes." in page and "Kovács Éva" in page
    page = client.get(_url("certificate_verify", world), {"code": "ZZZZZZZZZZ"}).content.decode()
    assert "nincs kiállított tanúsítvány" in page


# --- public site ----------------------------------------------------------------------


def test_public_calendar_shows_only_published_public_events(client, world):
    published_event(world.forum, title="Nyilvános fórum")
    make_event(world.forum, title="Tervezett esemény")
    services.event_publish(event=make_event(world.forum, title="Zárt ülés", is_public=False))
    page = client.get(_url("public_calendar", world)).content.decode()
    assert "Nyilvános fórum" in page
    assert "Tervezett esemény" not in page and "Zárt ülés" not in page
    month = timezone.localtime(future()).strftime("%Y-%m")
    page = client.get(_url("public_calendar", world), {"view": "month", "month": month}
                      ).content.decode()
    assert "Nyilvános fórum" in page and "Zárt ülés" not in page


def test_public_calendar_filters(client, world):
    published_event(world.forum, title="Képzés A", kind="training")
    published_event(world.forum, title="Fórum B", kind="dissemination",
                    settlements=[Settlement.objects.get(name="Bozsok")])
    page = client.get(_url("public_calendar", world), {"kind": "training"}).content.decode()
    assert "Képzés A" in page and "Fórum B" not in page
    bozsok = Settlement.objects.get(name="Bozsok")
    page = client.get(_url("public_calendar", world), {"settlement": bozsok.pk}).content.decode()
    assert "Képzés A" not in page and "Fórum B" in page


def test_members_only_event_page_is_hidden_from_the_public(client, world):
    event = services.event_publish(event=make_event(world.forum, is_public=False))
    assert client.get(_url("public_detail", world, pk=event.pk)).status_code == 404
    assert client.get(_url("public_register", world, pk=event.pk)).status_code == 404


def test_public_event_page_has_schema_org_data(client, world):
    event = published_event(world.forum)
    page = client.get(_url("public_detail", world, pk=event.pk)).content.decode()
    assert 'itemtype="https://schema.org/Event"' in page and 'itemprop="startDate"' in page


def test_register_confirm_cancel_and_waitlist_promotion(client, world,
                                                        django_capture_on_commit_callbacks):
    event = published_event(world.forum, capacity=1)
    url = _url("public_register", world, pk=event.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Első Ede", "email": "ede@example.org", "consent": "on"})
        response = client.post(url, {"name": "Második Mária", "email": "maria@example.org",
                                     "consent": "on"}, follow=True)
    assert "Várólistára került" in response.content.decode()
    ede_mail = next(m for m in mail.outbox if m.to == ["ede@example.org"])
    cancel = re.search(r"http://testserver(/\S+/cancel/)", ede_mail.body).group(1)
    assert "Lemondom" in client.get(cancel).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel)
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses == {"ede@example.org": RegistrationStatus.CANCELLED,
                        "maria@example.org": RegistrationStatus.CONFIRMED}
    assert mail.outbox[0].to == ["maria@example.org"]


def test_registration_redirects_after_post_and_a_reload_registers_no_one_again(client, world):
    event = published_event(world.forum, title="Esélyteremtő nap")
    response = client.post(_url("public_register", world, pk=event.pk),
                           {"name": "Első Ede", "email": "ede@example.org", "consent": "on"})
    assert response.status_code == 302
    assert response["Location"] == _url("public_registered", world, pk=event.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Jelentkezését rögzítettük" in page and "ede@example.org" in page
    assert "a(z)" not in page and "Várjuk az „" in page
    client.get(response["Location"])
    assert event.registrations.count() == 1


def test_registration_confirmation_without_a_registration_leads_to_the_event(client, world):
    event = published_event(world.forum)
    response = client.get(_url("public_registered", world, pk=event.pk))
    assert response.status_code == 302
    assert response["Location"] == _url("public_detail", world, pk=event.pk)


def test_registration_without_consent_shows_the_message(client, world):
    event = published_event(world.forum)
    response = client.post(_url("public_register", world, pk=event.pk),
                           {"name": "Név", "email": "a@example.org"})
    assert "hozzá kell járulnia az adatkezeléshez" in response.content.decode()
    assert not event.registrations.exists()


def test_registration_after_deadline_is_refused_on_the_page(client, world):
    event = published_event(world.forum, registration_deadline=future(days=10))
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = client.post(_url("public_register", world, pk=event.pk),
                           {"name": "Név", "email": "a@example.org", "consent": "on"})
    assert "A jelentkezési határidő lejárt." in response.content.decode()
    assert not event.registrations.exists()


def test_tampered_cancel_link_shows_an_error(client, world):
    event = published_event(world.forum)
    registration = services.register(event=event, name="N", email="n@example.org", consent=True)
    token = services.cancel_token(registration)
    response = client.post(_url("registration_cancel", world, token=token[:-3] + "xyz"))
    assert response.status_code == 400
    assert "érvénytelen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_ical_feed_links_back_to_the_event_pages(client, world):
    event = published_event(world.forum)
    make_event(world.forum, title="Tervezett")
    response = client.get(_url("public_ical", world))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 1
    assert f"http://testserver/f/{world.forum.slug}/events/{event.pk}/" in body.replace(
        "\r\n ", "")


def test_atom_feed_of_upcoming_events(client, world):
    published_event(world.forum, title="Közelgő fórum")
    response = client.get(_url("public_feed", world))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Közelgő fórum" in response.content.decode()


def test_gallery_shows_only_consented_photos(client, world, media):
    event = published_event(world.forum)
    agreed = services.photo_add(event=event, image=png_upload(), alt_text="Tánc", consent=True)
    secret = services.photo_add(event=event, image=png_upload(), alt_text="Titok",
                                consent=False)
    page = client.get(_url("public_gallery", world)).content.decode()
    assert 'alt="Tánc"' in page and "Titok" not in page
    assert client.get(_url("public_photo", world, photo=agreed.pk, size="thumb")
                      ).status_code == 200
    assert client.get(_url("public_photo", world, photo=secret.pk, size="thumb")
                      ).status_code == 404


def test_member_registers_themself_once_with_their_account_and_withdraws(client, world):
    event = published_event(world.forum, is_public=False, title="Zárt képzés", capacity=1)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/register/"
    client.force_login(world.member)
    response = client.post(url, {})
    assert "hozzá kell járulnia" in response.content.decode()
    assert not event.registrations.exists()  # nothing half-saved
    client.post(url, {"consent": "on"})
    registration = event.registrations.get()
    assert (registration.name, registration.email) == (world.member.full_name,
                                                       world.member.email)
    assert registration.status == RegistrationStatus.CONFIRMED
    client.post(url, {"consent": "on"})  # a second submission does not register twice
    assert event.registrations.count() == 1
    assert "Ön jelentkezett" in client.get(url).content.decode()
    # The last seat is taken: the next member is waitlisted and moves up on withdrawal.
    client.force_login(world.settlement_officer)
    client.post(url, {"consent": "on"})
    waiting = event.registrations.get(email=world.settlement_officer.email)
    assert waiting.status == RegistrationStatus.WAITLISTED
    client.force_login(world.member)
    client.post(url + "cancel/")
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_auditors_and_closed_registration_cannot_self_register(client, world):
    event = published_event(world.forum, registration_open=False)
    url = f"/f/{world.forum.slug}/manage/events/{event.pk}/register/"
    client.force_login(world.auditor)
    assert client.post(url, {"consent": "on"}).status_code == 403
    client.force_login(world.member)
    response = client.post(url, {"consent": "on"})
    assert "nem kell jelentkezni" in response.content.decode()
    assert not event.registrations.exists()


def test_gallery_is_called_event_photos_beside_the_publishing_gallery(client, world):
    html = client.get(_url("public_calendar", world)).content.decode()
    assert "Rendezvényfotók" in html and "Képgaléria" not in html


def test_oldest_age_band_includes_62():
    from kerekasztal.events.models import AgeBand

    assert AgeBand.SENIOR.label == "62 évtől"


def test_registrations_page_is_paginated_and_a_resend_comes_back_to_its_page(
        coordinator_client, world):
    from kerekasztal.core.models import MailDelivery
    from kerekasztal.core.pages import PAGE_SIZE

    event = published_event(world.forum, capacity=None)
    for i in range(PAGE_SIZE + 3):
        services.register(event=event, name=f"Jelentkező {i:03d}", email=f"j{i}@example.org",
                          consent=True, base_url="http://testserver")
    assert MailDelivery.objects.count() == PAGE_SIZE + 3
    MailDelivery.objects.update(status="sent")  # the confirmations went out
    url = _url("registration_list", world, pk=event.pk)
    first = coordinator_client.get(url).content.decode()
    assert "Jelentkező 000" in first and f"Jelentkező {PAGE_SIZE + 2:03d}" not in first
    assert "Következő oldal" in first
    second = coordinator_client.get(url + "?page=2").content.decode()
    assert f"Jelentkező {PAGE_SIZE + 2:03d}" in second and "Jelentkező 000" not in second
    # the per-recipient mail status and resend on the second page
    assert 'name="page" value="2"' in second
    late = event.registrations.get(name=f"Jelentkező {PAGE_SIZE + 2:03d}")
    delivery = MailDelivery.objects.filter(about_id=late.pk, to=late.email).latest("pk")
    response = coordinator_client.post(
        reverse("core:mail_resend", kwargs={"forum": world.forum.slug, "pk": delivery.pk}),
        {"page": "2"})
    assert response.status_code == 302 and response["Location"] == url + "?page=2"
