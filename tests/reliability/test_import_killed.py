"""An import killed halfway (SIGKILL, as when a server process is shot down) leaves no rows."""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import environ
import pytest

ROWS = 3000
KILL_AFTER = ROWS // 2

CHILD = textwrap.dedent("""
    import sys
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from kerekasztal.core.imports.services import import_apply, import_preview
    from kerekasztal.core.models import User
    from kerekasztal.directory import imports, services
    from kerekasztal.forums.models import Forum

    forum = Forum.objects.create(name="Import Kerekasztal", slug="import",
                                 kind="district_roundtable")
    user = User.objects.create_user("import@example.org", "correct-horse-battery-9",
                                    full_name="Import Imre")
    lines = ["Név;Típus"] + [f"Egyesület {n:05d};Civil szervezet" for n in range(%(rows)d)]
    upload = SimpleUploadedFile("nagy.csv", "\\n".join(lines).encode("utf-8"))
    batch = import_preview(spec=imports.ORGANISATIONS, forum=forum, file=upload, user=user)
    assert not batch.errors, batch.errors[:3]
    print("PREVIEWED", batch.pk, flush=True)

    original = services.organisation_create
    written = 0

    def counting(**kwargs):
        global written
        result = original(**kwargs)
        written += 1
        if written %% 100 == 0:
            print("WRITTEN", written, flush=True)
        return result

    services.organisation_create = counting
    import_apply(spec=imports.ORGANISATIONS, batch=batch, user=user)
    print("DONE", flush=True)
""")


@contextlib.contextmanager
def _sqlite(tmp_path):
    database = tmp_path / "import.sqlite3"

    def query(sql):
        with sqlite3.connect(database) as db:
            return db.execute(sql).fetchone()

    yield f"sqlite:///{database}", query


@contextlib.contextmanager
def _postgres(tmp_path):
    """A throw-away database on the PostgreSQL server of DATABASE_URL (CI)."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    config = environ.Env.db_url_config(url)
    name = f"kk_killed_import_{uuid.uuid4().hex[:8]}"
    server = dict(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
                  password=config["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        def query(sql):
            with psycopg.connect(**{**server, "dbname": name}) as db:
                return db.execute(sql).fetchone()

        yield url.rsplit("/", 1)[0] + f"/{name}", query
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = ["sqlite"] + (
    ["postgres"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else []
)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_import_killed_halfway_leaves_no_rows(tmp_path, backend):
    with (_sqlite if backend == "sqlite" else _postgres)(tmp_path) as (database_url, query):
        _kill_halfway_and_check(tmp_path, database_url, query)


def _kill_halfway_and_check(tmp_path, database_url, query):
    env = {**os.environ, "DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "kerekasztal.settings",
           "MEDIA_ROOT": str(tmp_path / "media")}
    kerekasztal = Path(sys.executable).with_name("kerekasztal")
    subprocess.run([str(kerekasztal), "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    child = subprocess.Popen([sys.executable, "-c", CHILD % {"rows": ROWS}], env=env,
                             cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    written = 0
    try:
        for line in child.stdout:
            if line.startswith("WRITTEN"):
                written = int(line.split()[1])
                if written >= KILL_AFTER:
                    child.send_signal(signal.SIGKILL)
                    break
            assert not line.startswith("DONE"), "the import finished before it was killed"
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert written >= KILL_AFTER  # rows had been written inside the transaction

    assert query("SELECT count(*) FROM directory_organisation")[0] == 0
    assert query("SELECT count(*) FROM directory_historicalorganisation")[0] == 0
    status, applied = query("SELECT status, applied_count FROM core_importbatch")
    assert status == "preview" and not applied
