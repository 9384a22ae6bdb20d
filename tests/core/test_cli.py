import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "kerekasztal"


@pytest.mark.skipif(not BIN.exists(), reason="the kerekasztal console script is not installed")
def test_console_script_wraps_manage_py_and_accepts_hyphenated_commands():
    result = subprocess.run([str(BIN), "load-territory", "--help"], capture_output=True,
                            text=True, check=True)
    assert "Idempotent" in result.stdout
    result = subprocess.run([str(BIN), "check"], capture_output=True, text=True, check=True)
    assert "no issues" in result.stdout
