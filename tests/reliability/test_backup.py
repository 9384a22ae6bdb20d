"""Backups: one archive, verified on restore, portable from SQLite to PostgreSQL."""

import hashlib
import hmac
import io
import json
import os
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kerekasztal.core.models import User
from kerekasztal.core.privacy.backup import (
    BackupError,
    create_backup,
    database_counts,
    restore_backup,
)
from kerekasztal.directory.models import Organisation
from tests.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROOT = Path(__file__).resolve().parents[2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _world_with_file() -> World:
    world = World()
    world.membership.accession_declaration.save("nyilatkozat.pdf", ContentFile(PDF))
    return world


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive, passing each (name, bytes) through `change`."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            content = old.extractfile(member).read()
            name, content = change(member.name, content)
            info = tarfile.TarInfo(name)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))


@pytest.mark.django_db
def test_backup_has_manifest_with_counts_and_checksums(media, tmp_path):
    world = _world_with_file()
    archive = tmp_path / "mentes.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert "data.json" in names
    assert manifest["counts"]["core.user"] == User.objects.count()
    assert manifest["counts"]["directory.organisation"] == 2
    stored = world.membership.accession_declaration.name
    assert manifest["files"] == {f"media/{stored}": hashlib.sha256(PDF).hexdigest()}
    assert "contenttypes.contenttype" not in manifest["counts"]
    assert "sessions.session" not in manifest["counts"]


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_gives_back_every_record_and_file(media, tmp_path):
    world = _world_with_file()
    stored = Path(world.membership.accession_declaration.path)
    archive = tmp_path / "mentes.tar.gz"
    manifest = create_backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    stored.unlink()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restored" in out.getvalue()
    assert database_counts(manifest["counts"]) == manifest["counts"]
    assert _sha(stored) == hashlib.sha256(PDF).hexdigest()
    restored = User.objects.get(email="coordinator@example.org")
    assert restored.check_password("correct-horse-battery-9")
    # sequences follow the restored rows: new records get fresh ids
    Organisation.objects.create(forum=world.forum, name="Új Egyesület a mentés után",
                                kind="civil")


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(media, tmp_path):
    _world_with_file()
    archive = tmp_path / "mentes.tar.gz"
    create_backup(archive)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


@pytest.mark.django_db
@pytest.mark.parametrize(("what", "change", "message"), [
    ("data", lambda n, c: (n, c.replace(b"Bozsok", b"Bozsak")) if n == "data.json" else (n, c),
     "checksum"),
    ("file", lambda n, c: (n, c + b"<script>") if n.startswith("media/") else (n, c),
     "checksums"),
    ("manifest", lambda n, c: (n, c.replace(b'"directory.organisation": 2',
                                            b'"directory.organisation": 3'))
     if n == "manifest.json" else (n, c), "signature"),
    ("traversal", lambda n, c: ("media/../../evil.txt", c) if n.startswith("media/")
     else (n, c), "Unexpected entry"),
])
def test_restore_refuses_a_tampered_archive(media, tmp_path, what, change, message):
    _world_with_file()
    archive = tmp_path / "mentes.tar.gz"
    create_backup(archive)
    tampered = tmp_path / f"{what}.tar.gz"
    _rewrite(archive, tampered, change)
    with pytest.raises(BackupError, match=message):
        restore_backup(tampered)


@pytest.mark.django_db
def test_restore_refuses_a_truncated_archive(media, tmp_path):
    _world_with_file()
    archive = tmp_path / "mentes.tar.gz"
    create_backup(archive)
    truncated = tmp_path / "csonka.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(truncated))


SOURCE_SCRIPT = textwrap.dedent("""
    import datetime, sys
    import django
    django.setup()
    from django.core.files.base import ContentFile
    from kerekasztal.core.privacy.backup import create_backup
    from kerekasztal.core.models import User
    from kerekasztal.directory.models import Organisation, Person
    from kerekasztal.forums.models import Forum, ForumAccess, Membership

    forum = Forum.objects.create(name="Forrás Kerekasztal", slug="forras",
                                 kind="district_roundtable")
    user = User.objects.create_user("forras@example.org", "correct-horse-battery-9",
                                    full_name="Forrás Ferenc")
    ForumAccess.objects.create(forum=forum, user=user, role="coordinator")
    organisation = Organisation.objects.create(forum=forum, name="Árvíztűrő Egyesület",
                                               kind="civil")
    person = Person.objects.create(forum=forum, name="Őrző Ödön", legal_basis="public_task",
                                   retention_until=datetime.date(2030, 1, 1), user=user)
    membership = Membership.objects.create(forum=forum, organisation=organisation,
                                           since=datetime.date(2015, 6, 16))
    membership.representatives.add(person)
    membership.accession_declaration.save("n.pdf", ContentFile(%r))
    create_backup(sys.argv[1])
""")


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_on_sqlite_restores_into_this_database(media, tmp_path):
    """On CI (DATABASE_URL=postgres://...) this restores a SQLite backup into PostgreSQL."""
    source_db = tmp_path / "forras.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{source_db}",
           "MEDIA_ROOT": str(tmp_path / "source-media"),
           "DJANGO_SETTINGS_MODULE": "kerekasztal.settings"}
    kerekasztal = Path(sys.executable).with_name("kerekasztal")
    subprocess.run([str(kerekasztal), "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    archive = tmp_path / "forras.tar.gz"
    subprocess.run([sys.executable, "-c", SOURCE_SCRIPT % PDF, str(archive)], env=env,
                   check=True, cwd=tmp_path)
    manifest = restore_backup(archive)
    assert manifest["source_engine"] == "sqlite"
    assert database_counts(manifest["counts"]) == manifest["counts"]
    for name, digest in manifest["files"].items():
        assert _sha(Path(media) / name.removeprefix("media/")) == digest
    user = User.objects.get(email="forras@example.org")
    assert PBKDF2PasswordHasher().verify("correct-horse-battery-9", user.password)
    assert user.person.name == "Őrző Ödön"
    assert Organisation.objects.get().name == "Árvíztűrő Egyesület"
    assert Organisation.history.count() == manifest["counts"]["directory.historicalorganisation"]
    Organisation.objects.create(forum=user.person.forum, name="Új", kind="civil")
    print(f"restored into {connection.vendor}")


@pytest.mark.django_db
def test_the_archive_is_readable_by_its_owner_only(media, tmp_path):
    """Issue 21/5: it holds password hashes and TOTP secrets."""
    _world_with_file()
    archive = tmp_path / "mentes.tar.gz"
    old = os.umask(0o022)
    try:
        call_command("backup", str(archive), stdout=io.StringIO())
    finally:
        os.umask(old)
    assert archive.stat().st_mode & 0o777 == 0o600


def _escalated(content: bytes) -> bytes:
    """The attack: the member made superuser in data.json."""
    records = json.loads(content)
    for record in records:
        if record["model"] == "core.user" and record["fields"]["email"] == "member@example.org":
            record["fields"]["is_superuser"] = True
            record["fields"]["is_staff"] = True
    return json.dumps(records).encode()


def _rehashed(source: Path, target: Path, key: str | None) -> None:
    """data.json changed, the manifest re-hashed, and re-signed with `key` (or unsigned)."""
    with tarfile.open(source, "r:gz") as old:
        contents = {m.name: old.extractfile(m).read() for m in old}
    contents["data.json"] = _escalated(contents["data.json"])
    manifest = json.loads(contents["manifest.json"])
    manifest["data_sha256"] = hashlib.sha256(contents["data.json"]).hexdigest()
    contents["manifest.json"] = json.dumps(manifest, indent=2).encode()
    if key is None:
        contents.pop("manifest.sig")
    else:
        contents["manifest.sig"] = hmac.new(key.encode(), contents["manifest.json"],
                                            hashlib.sha256).hexdigest().encode()
    with tarfile.open(target, "w:gz") as new:
        for name, content in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("key", "message"), [
    (None, "not signed"),
    ("an-attacker-guess-at-the-key-0123456789", "signature does not match"),
    ("kept", None),
])
def test_a_rehashed_archive_making_a_member_superuser_is_refused(media, tmp_path, key,
                                                                   message, settings):
    """Issue 21/5: checksums alone let an attacker edit data.json and re-hash the manifest."""
    world = _world_with_file()
    archive = tmp_path / "mentes.tar.gz"
    create_backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    Path(world.membership.accession_declaration.path).unlink()
    tampered = tmp_path / "tampered.tar.gz"
    _rehashed(archive, tampered, settings.BACKUP_KEY if key == "kept" else key)
    if message is None:  # whoever holds BACKUP_KEY can sign: the key must stay outside
        restore_backup(tampered)
        assert User.objects.get(email="member@example.org").is_superuser
        return
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(tampered))
    assert not User.objects.exists()


@pytest.mark.django_db
def test_without_a_backup_key_no_backup_is_written(media, tmp_path, settings):
    settings.BACKUP_KEY = ""
    archive = tmp_path / "mentes.tar.gz"
    with pytest.raises(CommandError, match="BACKUP_KEY"):
        call_command("backup", str(archive), stdout=io.StringIO())
    assert not archive.exists()
