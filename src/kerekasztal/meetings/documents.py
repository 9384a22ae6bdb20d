"""Printable documents of a meeting: invitation, attendance sheet (jelenléti ív) and minutes.

Each is written once (`write_*` takes a builder), so the PDF (Typst, tagged and archival) and
the editable DOCX say the same things. Documents are Hungarian whatever the interface
language."""

import re
from html import unescape

from django.http import HttpResponse
from django.utils import timezone, translation

from kerekasztal.core import hungarian
from kerekasztal.documents.publicity import publicity_for
from kerekasztal.documents.render import DocxBuilder, hu_date
from kerekasztal.documents.typst import TypstBuilder

from . import queries, services
from .models import Meeting, Minutes

EMPTY_GUEST_LINES = 8
SIGNATURE_ROW_CM = 0.9


def _builder(doc: str, *, title: str, meeting: Meeting):
    kind = TypstBuilder if doc == "pdf" else DocxBuilder
    return kind(title=title, forum_name=meeting.forum.name)


def _when(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{hu_date(start.date())} {start:%H:%M}–{end:%H:%M}"


def _facts(meeting: Meeting) -> list[tuple[str, str]]:
    facts = [("Fórum", meeting.forum.name), ("Ülés", f"{meeting.number}. ülés"),
             ("Időpont", _when(meeting)), ("Helyszín", meeting.venue)]
    if meeting.online_url:
        facts.append(("Online részvétel", meeting.online_url))
    return facts


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


def write_attendance_sheet(builder, meeting: Meeting):
    builder.heading("Jelenléti ív").paragraph(f"{meeting.number}. ülés – {meeting.title}",
                                              bold=True)
    builder.facts(_facts(meeting))
    builder.table(["Szervezet", "Szerep", "Név", "Aláírás"],
                  [[org, role, person, ""] for org, role, person in _signature_rows(meeting)],
                  widths_cm=[6.0, 2.8, 4.4, 4.4], row_height_cm=SIGNATURE_ROW_CM, blank=True)
    builder.heading("Vendégek", level=2)
    builder.table(["Név", "Szervezet", "Aláírás"],
                  [["", "", ""] for _i in range(EMPTY_GUEST_LINES)],
                  widths_cm=[5.5, 7.0, 5.0], row_height_cm=SIGNATURE_ROW_CM, blank=True)
    builder.publicity(publicity_for(meeting))
    return builder


def attendance_sheet(meeting: Meeting, doc: str) -> HttpResponse:
    name = f"jelenleti-iv-{meeting.forum.slug}-{meeting.number}"
    with translation.override("hu"):
        builder = _builder(doc, title=f"Jelenléti ív – {meeting.number}. ülés",
                           meeting=meeting)
        return write_attendance_sheet(builder, meeting).response(name)


def write_invitation(builder, meeting: Meeting):
    builder.heading("Meghívó").paragraph(
        f"Tisztelettel meghívjuk {hungarian.article(meeting.forum.name)} {meeting.forum.name} "
        f"{meeting.number}. ülésére.")
    builder.paragraph(meeting.title, bold=True)
    builder.facts(_facts(meeting))
    if meeting.description:
        for paragraph in _text_paragraphs(meeting.description):
            builder.paragraph(paragraph)
    builder.heading("Napirend", level=2)
    agenda = queries.agenda(meeting)
    for index, item in enumerate(agenda, start=1):
        details = ", ".join(filter(None, [
            f"előadó: {item.presenter}" if item.presenter else "",
            f"{item.duration_minutes} perc" if item.duration_minutes else ""]))
        builder.paragraph(f"{index}. {item.title}" + (f" ({details})" if details else ""))
    if not agenda:
        builder.paragraph("A napirendet később küldjük.", italic=True)
    builder.publicity(publicity_for(meeting))
    return builder


def invitation(meeting: Meeting, doc: str) -> HttpResponse:
    name = f"meghivo-{meeting.forum.slug}-{meeting.number}"
    with translation.override("hu"):
        builder = _builder(doc, title=f"Meghívó – {meeting.number}. ülés", meeting=meeting)
        return write_invitation(builder, meeting).response(name)


def write_minutes(builder, meeting: Meeting, record: Minutes):
    quorum = services.quorum(meeting)
    decisions = list(queries.decisions_of(meeting))
    attendances = list(queries.attendances(meeting))
    builder.heading(record.get_kind_display())
    builder.paragraph(f"{meeting.number}. ülés – {meeting.title}", bold=True)
    builder.facts(_facts(meeting) + [
        ("Jelen volt", f"{len(attendances)} fő, {meeting.guests} vendég"),
        ("Határozatképesség", _quorum_text(quorum)),
    ])
    builder.heading("Jelenlévők", level=2)
    builder.paragraph(", ".join(
        f"{a.person_name}{f' ({a.organisation.name})' if a.organisation else ''}"
        for a in attendances) or "–")
    builder.heading("Az ülés menete", level=2)
    for paragraph in body_paragraphs(record.body):
        builder.paragraph(paragraph)
    if decisions:
        builder.heading("Határozatok", level=2)
        for decision in decisions:
            label = decision.label + (" (határozatképtelen ülésen)"
                                      if decision.without_quorum else "")
            builder.heading(label, level=3)
            for paragraph in _text_paragraphs(decision.text):
                builder.paragraph(paragraph)
            if decision.votes_for is not None:
                builder.paragraph(
                    f"Igen: {decision.votes_for}, nem: {decision.votes_against or 0}, "
                    f"tartózkodás: {decision.votes_abstain or 0}", italic=True)
    status = record.get_status_display()
    if record.approved_on:
        status += f" ({hu_date(record.approved_on)})"
    builder.paragraph(f"Állapot: {status}", italic=True)
    if record.recorder:
        builder.signature_block([(record.recorder, "jegyzőkönyvvezető")])
    builder.publicity(publicity_for(meeting))
    return builder


def minutes(meeting: Meeting, record: Minutes, doc: str) -> HttpResponse:
    title = record.get_kind_display()
    name = f"{title}-{meeting.forum.slug}-{meeting.number}"
    with translation.override("hu"):
        builder = _builder(doc, title=f"{title} – {meeting.number}. ülés", meeting=meeting)
        return write_minutes(builder, meeting, record).response(name)


def _quorum_text(quorum: services.Quorum) -> str:
    state = "határozatképes" if quorum.reached else "nem határozatképes"
    return f"{quorum.present} / {quorum.members} tagszervezet jelen – {state} ({quorum.rule})"


def _text_paragraphs(text: str) -> list[str]:
    """Plain text's paragraphs (blank-line separated), their line breaks kept."""
    blocks = (text or "").replace("\r\n", "\n").split("\n\n")
    return ["\n".join(line.strip() for line in block.strip().splitlines())
            for block in blocks if block.strip()]


_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|tr|blockquote|div)>", re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def body_paragraphs(body: str) -> list[str]:
    """A minutes body as paragraphs with their line breaks: plain text as typed, or the
    blocks of formatted (sanitised HTML) text; the text only, never markup."""
    if not services.is_html(body):
        return _text_paragraphs(body)
    html = str(queries.minutes_html(body))
    paragraphs = []
    for block in _BLOCK_END.split(html):
        text = unescape(_TAG.sub("", _LINE_BREAK.sub("\n", block)))
        lines = [" ".join(line.split()) for line in text.splitlines()]
        if any(lines):
            paragraphs.append("\n".join(line for line in lines if line))
    return paragraphs
