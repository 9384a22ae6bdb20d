"""Meeting documents from Typst: tagged, titled, Hungarian PDFs that say what the DOCX says."""

import pytest
from django.urls import reverse

from kerekasztal.meetings import documents, services
from tests.documents.checks import assert_accessible_pdf, assert_same_things, pdf_text

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"forum": world.forum.slug, **kwargs})


def _both(client, name, world, meeting):
    pdf = client.get(url(name, world, pk=meeting.pk, doc="pdf"))
    docx = client.get(url(name, world, pk=meeting.pk, doc="docx"))
    assert pdf["Content-Type"] == "application/pdf"
    return pdf.content, docx.content


@pytest.fixture
def minuted(world, held_meeting):
    services.attendance_record(meeting=held_meeting, people=[(world.representative,
                                                              world.organisation)], guests=2)
    services.minutes_save(meeting=held_meeting, kind="memo", recorder="Horváth Katalin",
                          body="Első bekezdés #set text(red) $x$.\n\nMásodik bekezdés,\n"
                               "második sora.")
    services.decision_record(meeting=held_meeting, text="A kerekasztal elfogadja "
                             "működési rendjét.", votes_for=1, votes_against=0)
    return held_meeting


def test_invitation_pdf_is_tagged_and_says_what_the_docx_says(coordinator_client, world,
                                                                meeting):
    pdf, docx = _both(coordinator_client, "invitation_document", world, meeting)
    assert_accessible_pdf(pdf, "Meghívó – 4. ülés")
    assert_same_things(pdf, docx)
    assert "1. Megnyitó (10 perc)" in pdf_text(pdf)


def test_attendance_sheet_pdf_is_tagged_and_says_what_the_docx_says(coordinator_client, world,
                                                                      meeting):
    pdf, docx = _both(coordinator_client, "attendance_sheet", world, meeting)
    assert_accessible_pdf(pdf, "Jelenléti ív – 4. ülés")
    assert_same_things(pdf, docx)
    # The empty signature cells stay empty (no dash to sign over).
    assert "–\n–" not in pdf_text(pdf)


def test_minutes_pdf_is_tagged_and_says_what_the_docx_says(coordinator_client, world,
                                                             minuted):
    pdf, docx = _both(coordinator_client, "minutes_document", world, minuted)
    assert_accessible_pdf(pdf, "Emlékeztető – 1. ülés")
    assert_same_things(pdf, docx)
    text = pdf_text(pdf)
    assert "Első bekezdés #set text(red) $x$." in text  # a user's text is never markup
    assert "Igen: 1, nem: 0, tartózkodás: 0" in text and "Horváth Katalin" in text


def test_formatted_minutes_print_paragraph_by_paragraph():
    body = ("<h2>Napirend</h2><p>Első <strong>fontos</strong> pont,<br>új sor.</p>"
            "<ul><li>egy &amp; kettő</li><li>három</li></ul>")
    assert documents.body_paragraphs(body) == [
        "Napirend", "Első fontos pont,\núj sor.", "egy & kettő", "három"]
    assert documents.body_paragraphs("Egy.\n\nKettő,\n három.\n\n\n") == [
        "Egy.", "Kettő,\nhárom."]
