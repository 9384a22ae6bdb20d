"""Event documents from Typst: tagged, titled, Hungarian PDFs that say what the DOCX says."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kerekasztal.documents.render import DocxBuilder
from kerekasztal.documents.typst import TypstBuilder
from kerekasztal.events import documents, services
from kerekasztal.events.models import Event
from tests.documents.checks import assert_accessible_pdf, assert_same_things, pdf_text

from .conftest import published_event

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"events:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def _certified(world):
    event = published_event(world.forum, kind="training", hours="1.5", trainer="Dr. Kiss Anna",
                            title="Esélyteremtő attitűd #formálása")
    people = [services.register(event=event, name=name, email=f"{i}@example.org",
                                consent=True)
              for i, name in enumerate(["Kovács Éva", "Őri Ödön"])]
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(hours=18))
    event.refresh_from_db()
    for person in people:
        person.attended = person.completed = True
        person.save()
    services.certificates_issue(event=event)
    return event


def test_attendance_sheet_pdf_is_tagged_with_numbered_empty_lines(coordinator_client, world):
    event = published_event(world.forum)
    services.register(event=event, name="Kovács Éva", email="e@example.org", consent=True)
    services.registration_add_colleague(event=event, user=world.member, name="Kovács Árpádné",
                                        organisation=world.organisation,
                                        email="arpadne@example.org", consent=True)
    pdf = coordinator_client.get(_url("attendance_sheet", world, pk=event.pk)).content
    assert_accessible_pdf(pdf, f"Jelenléti ív – {event.title}")
    text = pdf_text(pdf)
    assert "Szervezet" in text and "Bozsok" in text  # to be typed back "Név; Szervezet"
    assert "1. Kovács Árpádné" in text and "25." in text and "–" not in text.split("25.")[1][:5]
    registrations = list(event.registrations.order_by("name"))
    word = documents.write_attendance_sheet(DocxBuilder(title="x", forum_name=world.forum.name),
                                            event, registrations, 25 - len(registrations))
    assert_same_things(pdf, word.to_bytes())


def test_report_pdf_is_tagged_and_says_what_the_docx_says(coordinator_client, world):
    event = published_event(world.forum)
    coordinator_client.post(_url("report", world, pk=event.pk), {
        "summary": "Negyven résztvevő.\n\nJó hangulat, $5 * 3$ kérdés.",
        "outcomes": "Új önkéntesek.", "problems_raised": "Nincs buszjárat Bozsokra."})
    pdf = coordinator_client.get(_url("report_pdf", world, pk=event.pk)).content
    docx = coordinator_client.get(_url("report_docx", world, pk=event.pk)).content
    assert_accessible_pdf(pdf, f"Beszámoló – {event.title}")
    assert_same_things(pdf, docx)
    assert "Jó hangulat, $5 * 3$ kérdés." in pdf_text(pdf)


def test_certificates_one_a_page_tagged_and_same_as_word(coordinator_client, world):
    event = _certified(world)
    pdf = coordinator_client.get(_url("certificates_pdf", world, pk=event.pk)).content
    assert_accessible_pdf(pdf, f"Tanúsítványok – {event.title}")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 2
    assert "Kovács Éva" in pages[0] and "Őri Ödön" in pages[1]
    assert "TANÚSÍTVÁNY" in pages[1] and "1,5 órás képzést (Dr. Kiss Anna)" in pages[1]
    assert "„Esélyteremtő attitűd #formálása”" in pages[0]
    certified = list(event.registrations.order_by("certificate_number"))
    assert certified[0].verification_code in pages[0]
    word = documents.write_certificates(
        DocxBuilder(title="x", forum_name=world.forum.name), event, certified,
        forum=world.forum, verify_url="http://testserver/f/x/events/certificates/")
    typst = documents.write_certificates(
        TypstBuilder(title="x", forum_name=world.forum.name), event, certified,
        forum=world.forum, verify_url="http://testserver/f/x/events/certificates/")
    assert_same_things(typst.to_bytes(), word.to_bytes())
