"""Safe uploads: allowed kinds per use, size limits, content sniffing, random stored names.

Files are never served from MEDIA_URL; `core.records.files.serve` sends them after an access check.
"""

import re
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

KIND_LABELS = {
    "pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "odt": "ODT", "jpg": "JPEG", "png": "PNG",
    "webp": "WebP", "csv": "CSV",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "csv": "text/csv",
}
_EXTENSIONS = {"jpeg": "jpg", "jpg": "jpg"}
_ZIP_KINDS = {"docx", "xlsx", "odt"}
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_ZIP_ENTRIES = 5000
# Images whose header announces more pixels than this are refused (decompression bombs).
MAX_IMAGE_PIXELS = 50_000_000
_IMAGE_KINDS = {"jpg", "png", "webp"}
# PDF names that run something when the document is opened or clicked (JavaScript, launching
# programs, embedded files, Flash, XFA forms, submitting forms), as a PDF reader sees them.
PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles",
                   "/RichMedia", "/XFA", "/AA", "/OpenAction"}
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE",
                      "/RichMediaExecute", "/Rendition"}
PDF_MAX_OBJECTS = 200_000


@dataclass(frozen=True)
class UploadPolicy:
    kinds: frozenset[str]
    max_bytes: int

    def describe(self) -> str:
        kinds = ", ".join(KIND_LABELS[k] for k in sorted(self.kinds))
        return _("Megengedett: %(kinds)s, legfeljebb %(size)s.") % {
            "kinds": kinds, "size": filesizeformat(self.max_bytes)
        }


MB = 1024 * 1024
DOCUMENTS = UploadPolicy(frozenset({"pdf", "docx", "odt", "xlsx"}), 20 * MB)
SCANS = UploadPolicy(frozenset({"pdf", "jpg", "png"}), 20 * MB)
IMAGES = UploadPolicy(frozenset({"jpg", "png", "webp"}), 10 * MB)
TABLES = UploadPolicy(frozenset({"csv", "xlsx"}), 10 * MB)


def sniff(file: File) -> str | None:
    """The kind of the file judged from its content, or None when not one we accept."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    guess = filetype.guess(head)
    if guess is not None:
        return _EXTENSIONS.get(guess.extension, guess.extension)
    if head.startswith(b"PK"):
        return _zip_kind(file)
    if head and b"\x00" not in head and not _looks_like_markup(head):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("cp1250")
            except UnicodeDecodeError:
                return None
        return "csv"
    return None


_MARKUP = (b"<script", b"<html", b"<svg", b"<!doctype", b"<?xml", b"<iframe", b"<object",
           b"<body", b"<head", b"<meta", b"<img", b"javascript:")


def _looks_like_markup(head: bytes) -> bool:
    """HTML, SVG or XML posing as a table (also after a byte-order mark or blank lines)."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return text.startswith(b"<") or any(marker in text for marker in _MARKUP)


def _zip_kind(file: File) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        file.seek(0)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return None


def _check_zip(file: File) -> None:
    """Refuse zip bombs hidden in office documents."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("A fájl sérült."), code="corrupt") from exc
    finally:
        file.seek(0)
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ValidationError(
            _("A fájl kicsomagolva gyanúsan nagy, ezért nem fogadjuk el."), code="zip_bomb"
        )
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNZIPPED_BYTES or total / compressed > MAX_ZIP_RATIO:
        raise ValidationError(
            _("A fájl kicsomagolva gyanúsan nagy, ezért nem fogadjuk el."), code="zip_bomb"
        )


def _check_image(file: File) -> None:
    """Read only the image's header: refuse broken images and pixel bombs."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("A fájl sérült."), code="corrupt") from exc
    finally:
        file.seek(0)
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("A kép felbontása gyanúsan nagy, ezért nem fogadjuk el."), code="image_bomb"
        )


def _pdf_has_active_content(file: File) -> bool:
    """Walk every object reachable from the PDF's trailer (pypdf resolves compressed object
    streams and escaped names like /J#61vaScript) looking for actions that run something."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    try:
        reader = PdfReader(file, strict=False)
        pending = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        visited = 0
        while pending:
            node = pending.pop()
            if isinstance(node, IndirectObject):
                key = (node.idnum, node.generation)
                if key in seen:
                    continue
                seen.add(key)
                node = node.get_object()
            visited += 1
            if visited > PDF_MAX_OBJECTS:
                return True  # too deep to judge: refused rather than let through
            if isinstance(node, DictionaryObject):
                if PDF_ACTIVE_KEYS & set(node.keys()):
                    if "/OpenAction" in node and not _harmless_open_action(node["/OpenAction"]):
                        return True
                    if (PDF_ACTIVE_KEYS - {"/OpenAction"}) & set(node.keys()):
                        return True
                action = node.get("/S")
                if isinstance(action, NameObject) and action in PDF_ACTIVE_ACTIONS:
                    return True
                pending.extend(node.values())
            elif isinstance(node, ArrayObject):
                pending.extend(node)
    except (PyPdfError, ValueError, TypeError, KeyError, RecursionError, OSError):
        # A PDF pypdf cannot read (readers are more lenient): judge the raw bytes instead.
        return _pdf_bytes_look_active(file)
    finally:
        file.seek(0)
    return False


def _pdf_bytes_look_active(file: File) -> bool:
    file.seek(0)
    raw = file.read()
    file.seek(0)
    names = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return any(re.search(re.escape(key.encode()) + rb"(?![A-Za-z])", names)
               for key in PDF_ACTIVE_KEYS - {"/OpenAction", "/AA"}) or \
        any(re.search(rb"/S\s*" + re.escape(action.encode()) + rb"(?![A-Za-z])", names)
            for action in PDF_ACTIVE_ACTIONS)


def _harmless_open_action(action) -> bool:
    """Opening on a page (an array, or a GoTo action) is harmless; anything else is not."""
    from pypdf.generic import ArrayObject, DictionaryObject

    action = action.get_object()
    if isinstance(action, ArrayObject):
        return True
    return isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo" \
        and "/Next" not in action


def _check_pdf(file: File) -> None:
    if _pdf_has_active_content(file):
        raise ValidationError(
            _("A PDF aktív tartalmat (JavaScriptet, csatolt fájlt vagy automatikus műveletet) "
              "tartalmaz, ezért nem fogadjuk el. Mentse vagy nyomtassa újra PDF-be, és "
              "töltse fel azt."), code="pdf_active")


@deconstructible
class UploadValidator:
    def __init__(self, kinds: list[str], max_bytes: int) -> None:
        self.kinds = sorted(kinds)
        self.max_bytes = max_bytes

    @property
    def policy(self) -> UploadPolicy:
        return UploadPolicy(frozenset(self.kinds), self.max_bytes)

    def __call__(self, file: File) -> None:
        if file.size is not None and file.size > self.max_bytes:
            raise ValidationError(
                _("A fájl túl nagy (%(size)s). %(policy)s")
                % {"size": filesizeformat(file.size), "policy": self.policy.describe()},
                code="too_large",
            )
        if getattr(file, "_committed", False):
            return  # an already stored file, validated when it was uploaded
        kind = sniff(file)
        if kind not in self.kinds:
            raise ValidationError(
                _("A fájl tartalma nem megengedett típusú. %(policy)s")
                % {"policy": self.policy.describe()},
                code="bad_type",
            )
        if kind in _ZIP_KINDS:
            _check_zip(file)
        if kind in _IMAGE_KINDS:
            _check_image(file)
        if kind == "pdf":
            _check_pdf(file)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )


def policy_validator(policy: UploadPolicy) -> UploadValidator:
    return UploadValidator(sorted(policy.kinds), policy.max_bytes)


@deconstructible
class RandomName:
    """upload_to that stores a file under a random name; the original name is never used."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, instance: object, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        extension = _EXTENSIONS.get(extension, extension)
        if not extension.isalnum() or len(extension) > 5:
            extension = "bin"
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and self.prefix == other.prefix
