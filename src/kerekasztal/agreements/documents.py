"""The agreement to sign: PDF (Typst) and an editable DOCX, written once, with the party
table, the commitments and a signature block for every party."""

import re
from html import unescape

from django.utils import translation
from django.utils.html import strip_tags

from kerekasztal.documents.publicity import publicity_for
from kerekasztal.documents.render import DocxBuilder, hu_date
from kerekasztal.documents.typst import TypstBuilder

from . import queries
from .models import Agreement
from .templates_text import fill

_BLOCK = re.compile(r"<(h[1-6]|p|li|blockquote)(?:\s[^>]*)?>(.*?)</\1>", re.I | re.S)


def _context(agreement: Agreement) -> dict:
    parties = [p for p in agreement.parties.all() if not p.is_withdrawn]
    return {
        "forum": agreement.forum,
        "agreement": agreement,
        "parties": parties,
        "commitments": list(agreement.commitments.all()),
        "publicity": publicity_for(agreement),
        "place": agreement.place,
    }


def filename(agreement: Agreement) -> str:
    return f"megallapodas-{agreement.pk}-v{agreement.version}-{agreement.title}"[:120]


def pdf(agreement: Agreement):
    with translation.override("hu"):  # the document to sign is Hungarian
        return write(TypstBuilder(title=agreement.title, forum_name=agreement.forum.name),
                     agreement).response(filename(agreement))


def docx(agreement: Agreement):
    with translation.override("hu"):
        return write(DocxBuilder(title=agreement.title, forum_name=agreement.forum.name),
                     agreement).response(filename(agreement))


def _blocks(body: str):
    """(tag, plain text) of each paragraph, heading and list item of a rich text."""
    for match in _BLOCK.finditer(body):
        text = " ".join(strip_tags(match.group(2)).split())
        if text:
            yield match.group(1).lower(), text


def write(builder, agreement: Agreement):
    """The agreement to sign, once for the PDF and the Word file."""
    context = _context(agreement)
    builder.paragraph(agreement.get_kind_display(), italic=True, align="center")
    builder.heading(agreement.title, level=1)
    builder.paragraph(f"{agreement.version}. szövegváltozat", align="center")
    topics = ", ".join(str(t) for t in agreement.topics.all())
    groups = ", ".join(str(g) for g in agreement.target_groups.all())
    builder.facts([
        ("Tárgy", agreement.purpose),
        *([("Témák", topics)] if topics else []),
        *([("Célcsoportok", groups)] if groups else []),
    ])
    body = fill(agreement.body, forum_name=agreement.forum.name, title=agreement.title,
                parties=[queries.party_label(p) for p in context["parties"]],
                valid_from=agreement.valid_from, valid_until=agreement.valid_until,
                place=agreement.place)
    for tag, text in _blocks(body):
        if tag in ("h1", "h2"):
            builder.heading(unescape(text), level=2)
        elif tag.startswith("h"):
            builder.heading(unescape(text), level=3)
        elif tag == "li":
            builder.paragraph(f"• {unescape(text)}")
        else:
            builder.paragraph(unescape(text))
    builder.heading("A felek", level=2)
    builder.table(
        ["", "Szervezet", "Székhely", "Szerep", "Képviseli"],
        [[f"{i}.", p.organisation.name, p.organisation.seat.name if p.organisation.seat else "",
          p.get_role_display(),
          ", ".join(filter(None, [p.signatory_name, p.signatory_position]))]
         for i, p in enumerate(context["parties"], start=1)],
    )
    if context["commitments"]:
        builder.heading("Melléklet: a felek vállalásai", level=2)
        builder.table(
            ["Vállaló fél", "Vállalás", "Határidő"],
            [[c.party.organisation.name if c.party else "Minden fél", c.text,
              hu_date(c.due_on) if c.due_on else ""] for c in context["commitments"]],
        )
    place = agreement.place or "……………………"
    builder.signature_block(
        [(p.signatory_name or "……………………………",
          ", ".join(filter(None, [p.signatory_position, p.organisation.name, "P. H."])))
         for p in context["parties"]],
        place_date=f"Kelt: {place}, …… év …………… hó …… nap",
    )
    builder.publicity(context["publicity"])
    return builder
