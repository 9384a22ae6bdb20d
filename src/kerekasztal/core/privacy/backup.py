"""Backups: one archive with the database, the uploaded files and a manifest.

The archive (`.tar.gz`) holds
- `data.json`: every record in Django's JSON serialisation (natural keys for content types
  and permissions, which the target's migrations recreate), portable between SQLite and
  PostgreSQL;
- `media/...`: the uploaded files;
- `manifest.json`: the format, the record count per model, and the SHA-256 of data.json and
  of every file;
- `manifest.sig`: the HMAC-SHA256 of manifest.json under `BACKUP_KEY`, a key the operator
  keeps outside the archives: the checksums catch damage, the signature catches an attacker
  who changed the data and re-hashed the manifest.

The archive is written readable by its owner only (0600): it holds password hashes and the
second factor's secrets.

`restore` reads the archive into an empty database (migrated, without users or forums): it
checks the signature, every checksum and count first and refuses a damaged, unsigned or
re-signed archive, then loads everything in one transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models.signals import m2m_changed
from django.utils import timezone

FORMAT = 1
# Rebuilt by the target's migrations, or not worth keeping (sessions, login attempts).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
EXCLUDED_PREFIXES = ("axes.",)


class BackupError(Exception):
    """The archive cannot be restored (damaged, tampered with, or the database not empty)."""


SIGNATURE = "manifest.sig"
MIN_KEY_LENGTH = 32


def _backup_key() -> bytes:
    key = getattr(settings, "BACKUP_KEY", "") or ""
    if len(key) < MIN_KEY_LENGTH:
        raise BackupError(f"BACKUP_KEY is not set (or shorter than {MIN_KEY_LENGTH} characters): "
                          "backups are signed with it; see docs/reliability.md.")
    return key.encode()


def sign(manifest_bytes: bytes) -> str:
    return hmac.new(_backup_key(), manifest_bytes, hashlib.sha256).hexdigest()


def _check_signature(target: Path) -> None:
    signature_path = target / SIGNATURE
    if not signature_path.exists():
        raise BackupError("The archive is not signed (no manifest.sig): it was not made by "
                          "this installation's backup, or was altered. Refused.")
    given = signature_path.read_text(encoding="ascii", errors="replace").strip()
    expected = sign((target / "manifest.json").read_bytes())
    if not hmac.compare_digest(given, expected):
        raise BackupError("The manifest's signature does not match BACKUP_KEY: the archive "
                          "was altered or signed with another key. Refused.")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _counts(records: list[dict]) -> dict[str, int]:
    return dict(sorted(Counter(record["model"] for record in records).items()))


def _excluded_labels() -> list[str]:
    labels = list(EXCLUDED)
    for model in apps.get_models():
        label = model._meta.label_lower
        if label.startswith(EXCLUDED_PREFIXES):
            labels.append(label)
    return labels


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(path: str | Path) -> dict:
    """Write the archive to `path`; returns the manifest."""
    path = Path(path)
    _backup_key()  # fail before the work, not after it
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        outermost = not connection.in_atomic_block
        with transaction.atomic():  # one consistent reading of the database
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:  # one snapshot for every table
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            call_command(
                "dumpdata", natural_foreign=True, exclude=_excluded_labels(),
                output=str(data_path), verbosity=0, indent=None,
            )
        records = json.loads(data_path.read_text(encoding="utf-8"))
        files = {
            str(PurePosixPath("media", *p.relative_to(media_root).parts)): _sha256_file(p)
            for p in _media_files(media_root)
        }
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "source_engine": connection.vendor,
            "counts": _counts(records),
            "data_sha256": _sha256_file(data_path),
            "files": files,
        }
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        payload = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, "manifest.json", payload)
            _add_bytes(archive, SIGNATURE, sign(payload).encode())
            archive.add(data_path, arcname="data.json")
            for name in files:
                archive.add(media_root.joinpath(*PurePosixPath(name).parts[1:]), arcname=name)
        partial.replace(path)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(payload))


def _safe_member(member: tarfile.TarInfo) -> bool:
    name = PurePosixPath(member.name)
    if not member.isfile() or name.is_absolute() or ".." in name.parts:
        return False
    return name.as_posix() in ("manifest.json", "data.json", SIGNATURE) or (
        name.parts[0] == "media" and len(name.parts) > 1
    )


def _extract(path: Path, target: Path) -> None:
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                if not _safe_member(member):
                    raise BackupError(f"Unexpected entry in the archive: {member.name!r}")
                destination = target.joinpath(*PurePosixPath(member.name).parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                if source is None:
                    raise BackupError(f"Unreadable entry: {member.name!r}")
                with destination.open("wb") as handle:
                    shutil.copyfileobj(source, handle)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BackupError(f"The archive is damaged: {exc}") from exc


def verify(target: Path) -> tuple[dict, list[dict]]:
    """Check the extracted archive against its manifest; returns (manifest, records)."""
    manifest_path = target / "manifest.json"
    data_path = target / "data.json"
    if not manifest_path.exists() or not data_path.exists():
        raise BackupError("The archive has no manifest.json or data.json.")
    _check_signature(target)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(f"The manifest is not valid JSON: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format: {manifest.get('format')!r}")
    if _sha256_file(data_path) != manifest.get("data_sha256"):
        raise BackupError("data.json does not match the checksum in the manifest.")
    found = {
        str(PurePosixPath(*p.relative_to(target).parts)): _sha256_file(p)
        for p in _media_files(target / "media")
    }
    expected = manifest.get("files", {})
    if set(found) != set(expected):
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        raise BackupError(f"Files differ from the manifest (missing {missing}, extra {extra}).")
    bad = sorted(name for name, digest in found.items() if expected[name] != digest)
    if bad:
        raise BackupError(f"Files do not match their checksums: {bad}")
    records = json.loads(data_path.read_text(encoding="utf-8"))
    if _counts(records) != manifest.get("counts"):
        raise BackupError("Record counts in data.json differ from the manifest.")
    return manifest, records


def database_is_empty() -> bool:
    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    return not User.objects.exists() and not Forum.objects.exists()


def database_counts(labels) -> dict[str, int]:
    return {label: apps.get_model(label)._base_manager.count() for label in labels}


def restore_backup(path: str | Path) -> dict:
    """Restore the archive into an empty database; returns the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No such archive: {path}")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp)
        _extract(path, target)
        manifest, _records = verify(target)
        if not database_is_empty():
            raise BackupError("The database is not empty: restore only into a new database "
                              "(run `kerekasztal migrate` on an empty one first).")
        clashes = [name for name in manifest["files"]
                   if media_root.joinpath(*PurePosixPath(name).parts[1:]).exists()]
        if clashes:
            raise BackupError(f"Files already exist in MEDIA_ROOT: {clashes[:5]}")
        labels = list(manifest["counts"])
        models = [apps.get_model(label) for label in labels]
        copied: list[Path] = []
        try:
            with transaction.atomic():
                # Reference lists seeded by migrations are replaced by the backup's own rows.
                with connection.constraint_checks_disabled():
                    for model in models:
                        model._base_manager.all()._raw_delete(connection.alias)
                with _m2m_signals_muted():
                    call_command("loaddata", str(target / "data.json"), verbosity=0)
                got = database_counts(labels)
                if got != manifest["counts"]:
                    differ = {label: (got[label], count)
                              for label, count in manifest["counts"].items()
                              if got[label] != count}
                    raise BackupError(f"Counts after loading differ (got, expected): {differ}")
                _reset_sequences(models)
                for name in manifest["files"]:
                    destination = media_root.joinpath(*PurePosixPath(name).parts[1:])
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(target.joinpath(*PurePosixPath(name).parts), destination)
                    copied.append(destination)
        except Exception:
            for file in copied:
                file.unlink(missing_ok=True)
            raise
    return manifest


@contextmanager
def _m2m_signals_muted():
    """Loading sets many-to-many fields, which would add history records (django-simple-
    history listens to m2m_changed); the backup already has every history record."""
    saved = m2m_changed.receivers
    m2m_changed.receivers = []
    m2m_changed.sender_receivers_cache.clear()
    try:
        yield
    finally:
        m2m_changed.receivers = saved
        m2m_changed.sender_receivers_cache.clear()


def _reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
