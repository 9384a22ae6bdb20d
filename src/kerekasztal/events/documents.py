"""Printable documents of an event: attendance sheet, report, training certificates.

Each is written once (`write_*` takes a builder: Typst for the tagged, archival PDF,
python-docx for Word), so every format says the same things. Documents are Hungarian
whatever the interface language."""

from django.utils import timezone, translation

from kerekasztal.core import hungarian
from kerekasztal.documents.publicity import publicity_for
from kerekasztal.documents.render import DocxBuilder, hu_date
from kerekasztal.documents.typst import TypstBuilder

SIGNATURE_ROW_CM = 0.9


def when(event) -> str:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{hu_date(start.date())} {start:%H:%M}–{end:%H:%M}"
    return f"{hu_date(start.date())} {start:%H:%M} – {hu_date(end.date())} {end:%H:%M}"


def builder_for(doc: str, *, title: str, forum):
    kind = TypstBuilder if doc == "pdf" else DocxBuilder
    return kind(title=title, forum_name=forum.name)


def _place(event) -> str:
    return ", ".join(filter(None, [event.venue, event.address]))


def write_attendance_sheet(builder, event, registrations, blank_rows: int):
    """Registered participants first, then numbered empty lines, each with room to sign."""
    builder.heading("Jelenléti ív")
    builder.facts([("Rendezvény", event.title), ("Időpont", when(event)),
                   ("Helyszín", _place(event)),
                   *([("Szervező", event.organiser.name)] if event.organiser else [])])
    builder.paragraph("Aláírásommal igazolom, hogy a rendezvényen részt vettem.", italic=True)
    # name and organisation, as the coordinator types them back ("Név; Szervezet")
    rows = [[f"{i}.", r.name, r.organisation_label, r.settlement.name if r.settlement else "",
             ""] for i, r in enumerate(registrations, start=1)]
    rows += [[f"{i}.", "", "", "", ""]
             for i in range(len(rows) + 1, len(rows) + blank_rows + 1)]
    builder.table(["#", "Név", "Szervezet", "Település", "Aláírás"], rows,
                  widths_cm=[1.2, 5.0, 4.5, 3.0, 4.0], row_height_cm=SIGNATURE_ROW_CM,
                  blank=True)
    builder.signature_block([("a szervező aláírása", "")])
    builder.publicity(publicity_for(event))
    return builder


def write_report(builder, event, report):
    builder.heading(f"Beszámoló: {event.title}")
    facts = [("Típus", event.get_kind_display()), ("Időpont", when(event)),
             ("Helyszín", _place(event)),
             ("Települések", ", ".join(s.name for s in event.settlements.all()))]
    if event.target_groups.all():
        facts.append(("Célcsoportok", ", ".join(str(g) for g in event.target_groups.all())))
    if event.organiser:
        facts.append(("Szervező", event.organiser.name))
    if event.partners.all():
        facts.append(("Partnerek", ", ".join(p.name for p in event.partners.all())))
    facts.append(("Résztvevők száma", str(event.participants_count)
                  if event.participants_count is not None else "nincs rögzítve"))
    builder.facts(facts)
    counts = list(event.attendance_counts.all())
    if counts:
        builder.heading("A résztvevők bontása", 2)
        builder.table(["Csoport", "Létszám"], [[c.label, c.count] for c in counts])
    if report:
        for heading, text in (("Összefoglaló", report.summary),
                              ("Eredmények", report.outcomes),
                              ("Felvetett problémák", report.problems_raised)):
            if text:
                builder.heading(heading, 2)
                for paragraph in text.replace("\r\n", "\n").split("\n\n"):
                    if paragraph.strip():
                        builder.paragraph(paragraph.strip())
    else:
        builder.paragraph("Beszámoló még nem készült.", italic=True)
    builder.signature_block([("a szervező aláírása", "")])
    builder.publicity(publicity_for(event))
    return builder


def write_certificates(builder, event, certified, *, forum, verify_url: str):
    """One certificate a page: the large centred title, the name, the training, signatures
    and the code anyone can check on the public verification page."""
    day = hu_date(timezone.localtime(event.starts_at).date())
    hours = f"{hungarian.number(event.hours, None)} órás " if event.hours else ""
    trainer = f" ({event.trainer})" if event.trainer else ""
    publicity = publicity_for(event)
    for index, registration in enumerate(certified):
        if index:
            builder.page_break()
        builder.space(2.5)
        builder.heading("TANÚSÍTVÁNY", align="center", size=24)
        builder.space(0.8)
        builder.paragraph("Igazoljuk, hogy", align="center")
        builder.paragraph(registration.name, bold=True, size=18, align="center")
        builder.paragraph(f"részt vett és eredményesen elvégezte {hungarian.article(event.title)}",
                          align="center")
        builder.paragraph(f"„{event.title}”", bold=True, size=14, align="center")
        builder.paragraph(f"című {hours}képzést{trainer}.", align="center")
        builder.paragraph(f"Időpont: {day} · Helyszín: {event.venue}", align="center")
        builder.paragraph(f"Szervező: {forum.name}", align="center")
        builder.space(1.5)
        builder.signature_block([(event.trainer or "", "képző"), (forum.name, "koordinátor")])
        builder.space(1.0)
        builder.paragraph(
            f"Sorszám: {registration.certificate_number} · "
            f"Ellenőrző kód: {registration.verification_code}\n"
            f"Ellenőrzés: {verify_url}?code={registration.verification_code}",
            size=8, align="center")
        builder.publicity(publicity)
    return builder


def attendance_sheet(doc: str, *, forum, event, registrations, blank_rows: int):
    with translation.override("hu"):
        builder = builder_for(doc, title=f"Jelenléti ív – {event.title}", forum=forum)
        return write_attendance_sheet(builder, event, registrations, blank_rows).response(
            f"jelenleti-iv-{event.pk}")


def report(doc: str, *, forum, event):
    with translation.override("hu"):
        builder = builder_for(doc, title=f"Beszámoló – {event.title}", forum=forum)
        return write_report(builder, event, getattr(event, "report", None)).response(
            f"beszamolo-{event.pk}")


def certificates(doc: str, *, forum, event, certified, verify_url: str, filename: str):
    with translation.override("hu"):
        builder = builder_for(doc, title=f"Tanúsítványok – {event.title}", forum=forum)
        return write_certificates(builder, event, certified, forum=forum,
                                  verify_url=verify_url).response(filename)
