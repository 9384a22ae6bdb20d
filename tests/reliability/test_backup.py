"""Backups: one archive, verified on restore, portable from SQLite to PostgreSQL."""

import hashlib
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

from kerekasztal.core.backup import BackupError, create_backup, database_counts, restore_backup
from kerekasztal.core.models import User
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
     if n == "manifest.json" else (n, c), "counts"),
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
    from kerekasztal.core.backup import create_backup
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
