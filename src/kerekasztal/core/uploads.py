"""Safe uploads: allowed kinds per use, size limits, content sniffing, random stored names.

Files are never served from MEDIA_URL; `core.files.serve` sends them after an access check.
"""

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
