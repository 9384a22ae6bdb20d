"""Events in a real browser, with axe-core on every page: the coordinator plans and
publishes, residents register without an account, cancel with the e-mailed link and the
waitlist moves up; the organiser records attendance, prints certificates and publishes
photos."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kerekasztal.events import services
from kerekasztal.events.models import Event, Registration, RegistrationStatus
from kerekasztal.territory.models import Settlement
from tests.conftest import PASSWORD, World
from tests.events.conftest import png_bytes

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_publishes_resident_registers_cancels_and_waitlist_moves_up(
        page, axe, live_server):
    world = World()
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/")
    axe("event list")
    page.get_by_role("link", name="Új rendezvény", exact=True).click()
    axe("event form")

    day = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Típus").select_option("dissemination")
    page.get_by_label("Cím", exact=True).fill("Kőszegi Napok - disszeminációs esemény")
    page.get_by_label("Kezdés").fill(f"{day.isoformat()}T15:00")
    page.get_by_label("Befejezés").fill(f"{day.isoformat()}T13:00")
    page.get_by_label("Helyszín").fill("Zenepavilon környéke")
    page.get_by_label("Települések").select_option(label="Kőszeg")
    page.get_by_label("Jelentkezés", exact=True).check()
    page.get_by_label("Férőhelyek száma").fill("1")
    page.get_by_role("button", name="Mentés").click()
    # an end before the start: a Hungarian message next to the field, nothing saved
    expect(page.locator("#id_ends_at_error")).to_contain_text(
        "A befejezés nem lehet korábbi a kezdésnél.")
    assert not Event.objects.exists()
    axe("event form with errors")
    page.get_by_label("Kezdés").fill(f"{day.isoformat()}T13:00")
    page.get_by_label("Befejezés").fill(f"{day.isoformat()}T15:00")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kőszegi Napok - disszeminációs esemény")
    axe("event page (planned)")
    page.get_by_role("button", name="Meghirdetés").click()
    expect(page.locator(".message--success")).to_contain_text("meghirdettük")
    page.locator("header").get_by_role("button", name="Kilépés").click()

    # A resident finds it on the public calendar and registers without an account.
    event = Event.objects.get()
    page.goto(f"/f/{world.forum.slug}/events/")
    axe("public calendar")
    page.get_by_role("link", name="Havi nézet").click()
    axe("public calendar, month view")
    page.goto(f"/f/{world.forum.slug}/events/{event.pk}/")
    axe("public event page")
    page.get_by_role("link", name="Jelentkezem").click()
    axe("registration form")
    page.get_by_label("Név").fill("Első Ede")
    page.get_by_role("textbox", name="E-mail-cím").fill("ede@example.org")
    page.get_by_role("button", name="Jelentkezés elküldése").click()
    expect(page.locator("#id_consent_error")).to_contain_text("hozzá kell járulnia")
    # the summary gives the consent error alone, not the whole consent sentence before it
    expect(page.locator(".error-summary")).to_contain_text("hozzá kell járulnia")
    expect(page.locator(".error-summary")).not_to_contain_text("Hozzájárulok")
    axe("registration form with errors")
    page.get_by_label("Hozzájárulok").check()
    page.get_by_role("button", name="Jelentkezés elküldése").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jelentkezését rögzítettük")
    expect(page.get_by_text("Várjuk a „Kőszegi Napok")).to_be_visible()
    axe("registration confirmed")
    # redirected after the POST: reloading the confirmation registers no one again
    expect(page).to_have_url(re.compile(rf"/events/{event.pk}/register/done/$"))
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jelentkezését rögzítettük")
    assert Registration.objects.filter(event=event).count() == 1

    # The seat is taken: the next person goes to the waitlist.
    page.goto(f"/f/{world.forum.slug}/events/{event.pk}/register/")
    expect(page.get_by_text("Minden hely betelt")).to_be_visible()
    page.get_by_label("Név").fill("Második Mária")
    page.get_by_role("textbox", name="E-mail-cím").fill("maria@example.org")
    page.get_by_label("Hozzájárulok").check()
    page.get_by_role("button", name="Jelentkezés elküldése").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Várólistára került")
    axe("waitlisted")

    # Ede cancels with the link of his confirmation e-mail; Mária gets the seat.
    confirmation = next(m for m in mail.outbox if m.to == ["ede@example.org"])
    assert confirmation.attachments[0][0].endswith(".ics")
    cancel_url = re.search(r"https?://\S+/cancel/", confirmation.body).group(0)
    page.goto(cancel_url)
    axe("cancel page")
    page.get_by_role("button", name="Lemondom a jelentkezést").click()
    expect(page.locator(".message--success")).to_contain_text("lemondtuk")
    axe("cancelled")
    maria = Registration.objects.get(email="maria@example.org")
    assert maria.status == RegistrationStatus.CONFIRMED
    assert any(m.to == ["maria@example.org"] and "visszaigazol" in m.subject.lower()
               for m in mail.outbox)
    # a tampered link is refused
    page.goto(cancel_url.replace("/cancel/", "x/cancel/"))
    expect(page.get_by_text("A lemondó link érvénytelen.")).to_be_visible()
    axe("tampered cancel link")


def test_organiser_records_attendance_prints_certificates_and_publishes_photos(
        page, axe, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = World()
    start = timezone.now() + datetime.timedelta(days=3)
    event = services.event_publish(event=services.event_create(
        forum=world.forum, kind="training", title="Esélyteremtő attitűd formálása",
        venue="Kőszeg, Városháza", starts_at=start, ends_at=start + datetime.timedelta(hours=8),
        hours=8, trainer="Dr. Németh Ágnes", registration_open=True,
        settlements=[Settlement.objects.get(name="Kőszeg")]))
    for name, email in (("Kiss Andrea", "andrea@example.org"), ("Tóth Erzsébet",
                                                                 "erzsebet@example.org")):
        services.register(event=event, name=name, email=email, consent=True)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(hours=16))

    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/{event.pk}/")
    page.get_by_role("link", name="Jelenlét rögzítése").click()
    axe("attendance form")
    page.get_by_label("Résztvevők száma").fill("2")
    page.get_by_label("62 évtől").fill("5")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".error-summary")).to_contain_text("nem lehet több a résztvevők")
    axe("attendance with errors")
    page.get_by_label("62 évtől").fill("1")
    page.get_by_role("group", name="Jelen volt").get_by_label("Kiss Andrea").check()
    page.get_by_role("group", name="Jelen volt").get_by_label("Tóth Erzsébet").check()
    page.get_by_role("group", name="Elvégezte a képzést (tanúsítványt kap)").get_by_label(
        "Kiss Andrea").check()
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("jelenlétet rögzítettük")
    page.get_by_role("button", name="Tanúsítványok kiállítása").click()
    expect(page.locator(".message--success")).to_contain_text("1 tanúsítvány kiállítva")
    axe("event page with certificates")
    with page.expect_download() as download:
        page.evaluate("url => { const a = document.createElement('a'); a.href = url; "
                      "a.download = ''; document.body.appendChild(a); a.click(); }",
                      f"/f/{world.forum.slug}/manage/events/{event.pk}/certificates.pdf")
    assert download.value.suggested_filename.endswith(".pdf")
    certified = Registration.objects.get(email="andrea@example.org")

    # Photos: one with consent, one without; only the first is public.
    page.get_by_role("link", name="Fényképek kezelése").click()
    axe("photos page")
    (tmp_path / "a.png").write_bytes(png_bytes())
    (tmp_path / "b.png").write_bytes(png_bytes(color=(0, 90, 200)))
    (tmp_path / "not-an-image.png").write_bytes(b"just text, not a picture")
    page.get_by_label("Fényképek").set_input_files(str(tmp_path / "not-an-image.png"))
    page.get_by_label("Szöveges leírás (alt)").fill("Kép")
    page.get_by_role("button", name="Feltöltés").click()
    expect(page.locator(".error-summary")).to_contain_text("nem megengedett típusú")
    axe("photo upload with errors")
    page.get_by_label("Fényképek").set_input_files(str(tmp_path / "a.png"))
    page.get_by_label("Szöveges leírás (alt)").fill("A résztvevők a képzésen")
    page.get_by_label("A képen szereplők hozzájárultak a közzétételhez").check()
    page.get_by_role("button", name="Feltöltés").click()
    expect(page.locator(".message--success")).to_contain_text("1 fényképet feltöltöttünk")
    page.get_by_label("Fényképek").set_input_files(str(tmp_path / "b.png"))
    page.get_by_label("Szöveges leírás (alt)").first.fill("Csoportkép a szünetben")
    page.get_by_role("button", name="Feltöltés").click()
    expect(page.get_by_alt_text("Csoportkép a szünetben")).to_be_visible()
    axe("photos uploaded")
    page.locator("header").get_by_role("button", name="Kilépés").click()

    page.goto(f"/f/{world.forum.slug}/events/gallery/")
    expect(page.get_by_alt_text("A résztvevők a képzésen")).to_be_visible()
    expect(page.get_by_alt_text("Csoportkép a szünetben")).to_have_count(0)
    axe("public gallery")

    page.goto(f"/f/{world.forum.slug}/events/certificates/")
    page.get_by_label("Ellenőrző kód").fill(certified.verification_code)
    page.get_by_role("button", name="Ellenőrzés").click()
    expect(page.get_by_text("A tanúsítvány érvényes.")).to_be_visible()
    expect(page.get_by_text("Kiss Andrea")).to_be_visible()
    axe("certificate verified")


def test_series_report_registrations_and_cancel_pages_are_accessible(page, axe, live_server):
    world = World()
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/series/new/")
    axe("series form")
    tuesday = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Ismétlődés").select_option("biweekly")
    page.get_by_label("Alkalmak száma").fill("8")
    page.get_by_label("Típus").select_option("parent_club")
    page.get_by_label("Cím", exact=True).fill("Szülői klub")
    page.get_by_label("Kezdés").fill(f"{tuesday.isoformat()}T17:00")
    page.get_by_label("Befejezés").fill(f"{tuesday.isoformat()}T18:30")
    page.get_by_label("Helyszín").fill("Csepregi Művelődési Ház")
    page.get_by_label("Települések").select_option(label="Csepreg")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("A sorozat 8 alkalmát")
    assert Event.objects.filter(series__isnull=False).count() == 8

    # one occasion edited on its own
    second = Event.objects.order_by("starts_at")[1]
    page.goto(f"/f/{world.forum.slug}/manage/events/{second.pk}/edit/")
    expect(page.get_by_text("a módosítás csak erre az alkalomra vonatkozik")).to_be_visible()
    page.get_by_label("Helyszín").fill("Csepregi Általános Iskola")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_text("Csepregi Általános Iskola")).to_be_visible()
    axe("series occasion")
    assert Event.objects.filter(venue="Csepregi Művelődési Ház").count() == 7

    page.get_by_role("link", name="Jelentkezők").click()
    axe("registrations")
    page.goto(f"/f/{world.forum.slug}/manage/events/{second.pk}/report/")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_summary_error")).to_be_visible()
    axe("report form with errors")
    page.get_by_label("Összefoglaló").fill("Tizenkét szülő, védőnői előadás.")
    page.get_by_label("Felvetett problémák").fill("Nincs délutáni buszjárat Csepregre.")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_text("Nincs délutáni buszjárat Csepregre.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Beszámoló (DOCX, szerkeszthető)").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.goto(f"/f/{world.forum.slug}/manage/events/{second.pk}/cancel/")
    axe("cancel form")
    page.get_by_label("Az elmaradás oka").fill("A terem nem áll rendelkezésre.")
    page.get_by_role("button", name="A rendezvény elmarad").click()
    expect(page.get_by_text("Elmaradt", exact=True)).to_be_visible()
    axe("cancelled event")


def test_member_registers_themself_for_a_members_only_training_and_withdraws(
        page, axe, live_server):
    world = World()
    start = timezone.now() + datetime.timedelta(days=10)
    event = services.event_publish(event=services.event_create(
        forum=world.forum, kind="training", title="Esélyteremtő attitűdformáló képzés",
        venue="Városháza", starts_at=start, ends_at=start + datetime.timedelta(hours=6),
        hours=6, registration_open=True, capacity=20, is_public=False,
        settlements=[Settlement.objects.get(name="Kőszeg")]))
    log_in(page, world.member.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/events/{event.pk}/")
    page.get_by_role("link", name="Saját jelentkezés").click()
    axe("own registration form")
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.locator("#id_consent_error")).to_be_visible()
    axe("own registration form with errors")
    page.get_by_label("Hozzájárulok").check()
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.locator(".message--success").first).to_contain_text("Jelentkezését rögzítettük")
    axe("own registration recorded")
    registration = Registration.objects.get(event=event)
    assert registration.email == world.member.email
    assert registration.status == RegistrationStatus.CONFIRMED
    assert mail.outbox and mail.outbox[-1].to == [world.member.email]
    page.get_by_role("button", name="Jelentkezésem visszavonása").click()
    expect(page.locator(".message--success").first).to_contain_text("visszavontuk")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    expect(page.get_by_role("button", name="Jelentkezem")).to_be_visible()
