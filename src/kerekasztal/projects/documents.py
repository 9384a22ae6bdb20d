"""The projects' documents: the press release as PDF (Typst) and Word file, written once."""

from django.http import HttpResponse
from django.utils import translation

from kerekasztal.documents.render import DocxBuilder
from kerekasztal.documents.typst import TypstBuilder

from .models import PressRelease
from .publicity import block as publicity_block


def paragraphs(body: str) -> list[list[str]]:
    """Blank-line separated paragraphs, each a list of lines."""
    return [block.splitlines() for block in body.replace("\r\n", "\n").split("\n\n")
            if block.strip()]


def write_release(builder, release, block):
    """The press release, once for the PDF and the Word file: kind, title, its paragraphs
    (line breaks kept) and the project's publicity block."""
    builder.paragraph(release.get_kind_display(), italic=True)
    builder.heading(release.title)
    for lines in paragraphs(release.body):
        builder.paragraph("\n".join(lines))
    return builder.publicity(block)


def press_release(release: PressRelease, doc: str, *, forum_name: str) -> HttpResponse:
    """The press release as a PDF (doc "pdf") or a Word file, in Hungarian, with the name of
    the forum it is seen from in the header."""
    name = f"{release.get_kind_display()}-{release.project.code}"
    with translation.override("hu"):
        kind = TypstBuilder if doc == "pdf" else DocxBuilder
        builder = kind(title=release.title, forum_name=forum_name)
        return write_release(builder, release, publicity_block(release.project)).response(name)
