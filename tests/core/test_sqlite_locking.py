"""`make run` keeps its data in SQLite, with the server and the task worker writing at the
same time. A transaction that reads and then writes must wait for the other writer (the
settings' `transaction_mode: IMMEDIATE` and `timeout`), not fail with "database is locked"
(which answered 500 to a form posted while the worker sent mail)."""

import multiprocessing
import os
import time


def _writer(path: str, start_at: float) -> int:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerekasztal.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    failures = 0
    connection.ensure_connection()
    time.sleep(max(0.0, start_at - time.time()))  # every process starts writing together
    while time.time() < start_at + 1.5:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM counted")  # a read first ...
                time.sleep(0.003)
                cursor.execute("INSERT INTO counted (n) VALUES (1)")  # ... then a write
        except Exception:  # noqa: BLE001 - what the user would have got as a 500
            failures += 1
    return failures


def test_concurrent_read_then_write_transactions_wait_instead_of_failing(tmp_path):
    import sqlite3

    path = str(tmp_path / "busy.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE counted (n INTEGER)")
    start_at = time.time() + 8  # after the three processes have set Django up
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        failures = pool.starmap(_writer, [(path, start_at)] * 3)
    assert failures == [0, 0, 0]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM counted").fetchone()[0] > 100
