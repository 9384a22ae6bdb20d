"""Hostile files against the upload policies, the upload pages and the file-serving view."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from kerekasztal.core.records.uploads import DOCUMENTS, IMAGES, SCANS, TABLES, policy_validator
from kerekasztal.forums.models import Membership
from tests.factories import OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b"<script>alert(1)</script></svg>")


def _png(width: int, height: int) -> bytes:
    """A PNG whose header announces width × height pixels (the data is one tiny block)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))


def _docx(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _refused(policy, name, content) -> str:
    with pytest.raises(ValidationError) as error:
        policy_validator(policy)(SimpleUploadedFile(name, content))
    return error.value.code


@pytest.mark.parametrize("policy", [DOCUMENTS, SCANS, IMAGES, TABLES])
@pytest.mark.parametrize(("name", "content"), [
    ("nyilatkozat.pdf", HTML),
    ("nyilatkozat.pdf", b"\xef\xbb\xbf" + HTML),  # behind a byte-order mark
    ("tabla.csv", b"nev;tipus\n<script>alert(1)</script>;x\n"),
    ("kep.png", SVG),
    ("kep.svg", b"\xef\xbb\xbf\n\n" + SVG),
    ("jegyzokonyv.docx", b"PK\x03\x04 not really a zip"),
])
def test_markup_and_fakes_are_refused_under_every_policy(policy, name, content):
    assert _refused(policy, name, content) in {"bad_type", "corrupt"}


def test_zip_bomb_in_a_docx_is_refused():
    bomb = _docx({"word/media/bomb.bin": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert _refused(DOCUMENTS, "bomb.docx", bomb) == "zip_bomb"


def test_docx_with_a_huge_number_of_entries_is_refused():
    many = _docx({f"word/x{n}.xml": b"" for n in range(6000)})
    assert _refused(DOCUMENTS, "sok.docx", many) == "zip_bomb"


def test_image_whose_header_announces_a_gigapixel_is_refused():
    bomb = _png(40_000, 40_000)  # 1.6 gigapixels announced in a file of a few bytes
    assert len(bomb) < 200
    assert _refused(IMAGES, "kep.png", bomb) in {"image_bomb", "corrupt"}


def test_a_small_real_image_passes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    policy_validator(IMAGES)(SimpleUploadedFile("kep.png", buffer.getvalue()))


@pytest.mark.django_db
def test_a_request_announcing_a_gigabyte_is_refused_before_it_is_read(coordinator_client, world):
    url = f"/f/{world.forum.slug}/manage/members/new/"
    response = coordinator_client.generic("POST", url, b"x", CONTENT_LENGTH=str(1024 ** 3),
                                          content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413


@pytest.mark.django_db
def test_html_renamed_pdf_is_refused_on_the_upload_page_and_nothing_is_saved(
        coordinator_client, world, media):
    organisation = OrganisationFactory(forum=world.forum, name="Támadó Egyesület")
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/members/new/", {
        "organisation": organisation.pk, "role": "member", "since": "2024-01-01",
        "accession_declaration": SimpleUploadedFile("nyilatkozat.pdf", HTML, "application/pdf"),
    })
    assert response.status_code == 200
    assert 'id="id_accession_declaration_error"' in response.content.decode()
    assert not Membership.objects.filter(organisation=organisation).exists()
    assert not any(media.rglob("*.pdf")) if media.exists() else True


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "kind", "mime"), [
    (HTML, "bin", "application/octet-stream"),
    (SVG, "bin", "application/octet-stream"),
    (PDF, "pdf", "application/pdf"),
])
def test_stored_files_are_served_as_attachments_never_inline(coordinator_client, world, media,
                                                             content, kind, mime):
    """Even a hostile file stored before today's checks is sent as a download."""
    world.membership.accession_declaration.save("x.html", ContentFile(content))
    url = f"/f/{world.forum.slug}/manage/members/{world.membership.pk}/declaration/"
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == mime
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith(f'.{kind}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == content


@pytest.mark.django_db
def test_stored_file_is_not_reachable_without_access(client, world, media):
    world.membership.accession_declaration.save("x.pdf", ContentFile(PDF))
    url = f"/f/{world.forum.slug}/manage/members/{world.membership.pk}/declaration/"
    assert client.get(url).status_code == 302
    client.force_login(world.outsider)
    assert client.get(url).status_code == 403
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    assert client.get(f"/_media_not_served/{world.membership.accession_declaration.name}"
                      ).status_code == 404


def _pdf(javascript: str | None = None, open_action: bool = False) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        action = writer._add_object(DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(javascript)}))
        if open_action:
            writer._root_object[NameObject("/OpenAction")] = action
        else:  # document-level JavaScript, run when the document opens
            writer._root_object[NameObject("/Names")] = DictionaryObject({
                NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject(
                    [TextStringObject("koszonto"), action])})})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("policy", [DOCUMENTS, SCANS])
@pytest.mark.parametrize("content", [
    _pdf(javascript="app.alert('hello')"),  # document-level JavaScript (issue 21/7)
    _pdf(javascript="this.exportDataObject({cName: 'x'})", open_action=True),
    # a PDF no parser accepts, with the name escaped as readers allow
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/J#61vaScript/JS(app.alert(1))>>>>endobj\n"
    b"%%EOF\n",
])
def test_a_pdf_with_active_content_is_refused(policy, content):
    assert _refused(policy, "melleklet.pdf", content) == "pdf_active"


def test_a_plain_pdf_passes():
    policy_validator(DOCUMENTS)(SimpleUploadedFile("melleklet.pdf", _pdf()))
    policy_validator(DOCUMENTS)(SimpleUploadedFile("melleklet.pdf", PDF))
