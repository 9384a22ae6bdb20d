import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kerekasztal.core.records.uploads import (
    DOCUMENTS,
    IMAGES,
    SCANS,
    TABLES,
    RandomName,
    policy_validator,
    sniff,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def _docx(extra_bytes: int = 0) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if extra_bytes:
            archive.writestr("word/media/bomb.bin", b"\0" * extra_bytes)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_sniffs_by_content_not_by_extension():
    assert sniff(upload("a.pdf", PDF)) == "pdf"
    assert sniff(upload("kep.txt", PNG)) == "png"
    assert sniff(upload("a.docx", _docx())) == "docx"
    assert sniff(upload("a.csv", "név;típus\nBozsok;önkormányzat\n".encode())) == "csv"


def test_html_renamed_to_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        policy_validator(SCANS)(upload("nyilatkozat.pdf", b"<html><script>alert(1)</script>"))
    assert error.value.code == "bad_type"


def test_svg_with_script_is_refused_as_an_image():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError):
        policy_validator(IMAGES)(upload("kep.png", svg))


def test_zip_bomb_in_a_docx_is_refused():
    with pytest.raises(ValidationError) as error:
        policy_validator(DOCUMENTS)(upload("bomb.docx", _docx(extra_bytes=50 * 1024 * 1024)))
    assert error.value.code == "zip_bomb"


def test_too_large_file_is_refused_with_the_limit_in_the_message():
    big = upload("nagy.pdf", PDF)
    big.size = SCANS.max_bytes + 1
    with pytest.raises(ValidationError) as error:
        policy_validator(SCANS)(big)
    assert error.value.code == "too_large"
    assert "20,0" in error.value.messages[0] or "20.0" in error.value.messages[0]


def test_allowed_files_pass():
    policy_validator(SCANS)(upload("a.pdf", PDF))
    policy_validator(IMAGES)(upload("a.png", PNG))
    policy_validator(DOCUMENTS)(upload("a.docx", _docx()))
    policy_validator(TABLES)(upload("a.csv", b"a,b\n1,2\n"))


def test_random_names_hide_the_original_name_and_keep_a_safe_extension():
    name = RandomName("accession")(None, "Kovács János nyilatkozata.PDF")
    assert name.startswith("accession/") and name.endswith(".pdf")
    assert "Kov" not in name
    assert RandomName("x")(None, "evil.p/h/p").endswith(".bin")
