"""`make run` starts the server and the task worker as two processes: they must share one
cache, or a change the worker writes (an import, applied by the task) leaves the server's
cached public pages as they were for hours (each process had its own memory cache)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_commands(**env: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return subprocess.run(["make", "-n", "run", *(f"{k}={v}" for k, v in env.items())],  # noqa: S603, S607
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_the_server_and_the_worker_share_one_file_cache():
    commands = _run_commands()
    worker = re.search(r"CACHE_URL=(\S+) \S*kerekasztal db_worker", commands)
    server = re.search(r"CACHE_URL=(\S+) .*\\\n\s*\S*kerekasztal runserver", commands)
    assert worker and server, commands
    assert worker[1] == server[1] == f"filecache://{ROOT}/var/cache"


def test_a_cache_of_ones_own_is_kept():
    commands = _run_commands(CACHE_URL="redis://cache:6379/1")
    assert commands.count("CACHE_URL=redis://cache:6379/1 ") == 2
