"""Printable documents of a meeting: invitation, attendance sheet (jelenléti ív) and minutes,
as PDF (WeasyPrint) and DOCX. Documents are Hungarian whatever the interface language."""

from django.http import HttpResponse
from django.utils import timezone, translation

from kerekasztal.documents.publicity import publicity_for
from kerekasztal.documents.render import DocxBuilder, hu_date, pdf_response

from . import queries, services
from .models import Meeting, Minutes

EMPTY_GUEST_LINES = 8


def _when(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{hu_date(start.date())} {start:%H:%M}–{end:%H:%M}"


def _facts(meeting: Meeting) -> list[tuple[str, str]]:
    facts = [("Fórum", meeting.forum.name), ("Ülés", f"{meeting.number}. ülés"),
             ("Időpont", _when(meeting)), ("Helyszín", meeting.venue)]
    if meeting.online_url:
        facts.append(("Online részvétel", meeting.online_url))
    return facts


def _context(meeting: Meeting, **extra) -> dict:
    return {"forum": meeting.forum, "meeting": meeting, "facts": _facts(meeting),
            "publicity": publicity_for(meeting), **extra}


def _signature_rows(meeting: Meeting) -> list[tuple[str, str, str]]:
    """(organisation, role, person) lines: every representative of every member on the day,
    an empty line for an organisation without one, then extra invitees."""
    lines = []
    for row in queries.sheet_rows(meeting):
        organisation = row.organisation.name if row.organisation else ""
        people = row.people or [None]
        for person in people:
            lines.append((organisation, row.role, person.name if person else ""))
    return lines


def attendance_sheet(meeting: Meeting, doc: str) -> HttpResponse:
    rows = _signature_rows(meeting)
    name = f"jelenleti-iv-{meeting.forum.slug}-{meeting.number}"
    with translation.override("hu"):
        if doc == "pdf":
            return pdf_response("meetings/print/attendance_sheet.html", _context(
                meeting, rows=rows, guest_lines=range(EMPTY_GUEST_LINES)), name)
        builder = DocxBuilder(title="Jelenléti ív", forum_name=meeting.forum.name)
        builder.heading("Jelenléti ív").paragraph(f"{meeting.number}. ülés – {meeting.title}")
        builder.facts(_facts(meeting))
        builder.table(["Szervezet", "Név", "Aláírás"],
                      [[org, person, ""] for org, _role, person in rows], row_height_cm=1.0)
        builder.paragraph("Vendégek", bold=True)
        builder.table(["Név", "Szervezet", "Aláírás"],
                      [["", "", ""] for _i in range(EMPTY_GUEST_LINES)], row_height_cm=1.0)
        builder.publicity(publicity_for(meeting))
        return builder.response(name)


def invitation(meeting: Meeting, doc: str) -> HttpResponse:
    agenda = queries.agenda(meeting)
    name = f"meghivo-{meeting.forum.slug}-{meeting.number}"
    with translation.override("hu"):
        if doc == "pdf":
            return pdf_response("meetings/print/invitation.html",
                                _context(meeting, agenda=agenda), name)
        builder = DocxBuilder(title="Meghívó", forum_name=meeting.forum.name)
        builder.heading("Meghívó").paragraph(
            f"Tisztelettel meghívjuk a(z) {meeting.forum.name} {meeting.number}. ülésére.")
        builder.facts(_facts(meeting))
        builder.heading("Napirend", level=2)
        for index, item in enumerate(agenda, start=1):
            extra = f" (előadó: {item.presenter})" if item.presenter else ""
            builder.paragraph(f"{index}. {item.title}{extra}")
        builder.publicity(publicity_for(meeting))
        return builder.response(name)


def minutes(meeting: Meeting, record: Minutes, doc: str) -> HttpResponse:
    quorum = services.quorum(meeting)
    decisions = list(queries.decisions_of(meeting))
    attendances = list(queries.attendances(meeting))
    title = record.get_kind_display()
    name = f"{title}-{meeting.forum.slug}-{meeting.number}"
    with translation.override("hu"):
        if doc == "pdf":
            return pdf_response("meetings/print/minutes.html", _context(
                meeting, minutes=record, body=services.minutes_html(record.body), quorum=quorum,
                decisions=decisions, attendances=attendances), name)
        builder = DocxBuilder(title=title, forum_name=meeting.forum.name)
        builder.heading(title).paragraph(f"{meeting.number}. ülés – {meeting.title}")
        builder.facts(_facts(meeting) + [
            ("Jelen volt", f"{len(attendances)} fő, {meeting.guests} vendég"),
            ("Határozatképesség", _quorum_text(quorum)),
        ])
        builder.heading("Jelenlévők", level=2)
        builder.paragraph(", ".join(
            f"{a.person_name}{f' ({a.organisation.name})' if a.organisation else ''}"
            for a in attendances) or "–")
        builder.heading("Az ülés menete", level=2)
        for paragraph in _plain_paragraphs(record.body):
            builder.paragraph(paragraph)
        if decisions:
            builder.heading("Határozatok", level=2)
            for decision in decisions:
                builder.paragraph(decision.label, bold=True).paragraph(decision.text)
        if record.recorder:
            builder.signature_block([(record.recorder, "jegyzőkönyvvezető")])
        builder.publicity(publicity_for(meeting))
        return builder.response(name)


def _quorum_text(quorum: services.Quorum) -> str:
    state = "határozatképes" if quorum.reached else "nem határozatképes"
    return f"{quorum.present} / {quorum.members} tagszervezet jelen – {state}"


def _plain_paragraphs(html: str) -> list[str]:
    """Rich text as plain paragraphs for Word (the formatting stays in the PDF)."""
    import re
    from html import unescape

    if not services.is_html(html):  # plain text: its paragraphs and lines as typed
        return [line.strip() for line in (html or "").splitlines() if line.strip()]
    text = re.sub(r"</(p|h2|h3|h4|li|tr|blockquote)>|<br\s*/?>", "\n", html or "")
    text = unescape(re.sub(r"<[^>]+>", "", text))
    return [line.strip() for line in text.splitlines() if line.strip()]
