"""Every translatable string of every app has its English translation.

Extraction needs GNU gettext (xgettext). `.ci/run` installs it; outside CI the test is
skipped with a message when it is missing.
"""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

import kerekasztal

PACKAGE = Path(kerekasztal.__file__).resolve().parent
APPS = sorted(p for p in PACKAGE.iterdir() if (p / "apps.py").exists())


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogues")
        pytest.skip("GNU gettext (xgettext) is not installed; catalogues not checked")
    root = tmp_path_factory.mktemp("catalogues")
    cwd = os.getcwd()
    result = {}
    try:
        for app in APPS:
            copy = root / app.name
            shutil.copytree(app, copy, ignore=shutil.ignore_patterns("data", "static", "*.mo"))
            (copy / "locale").mkdir(exist_ok=True)
            os.chdir(copy)
            call_command("makemessages", locale=["en"], no_location=True, verbosity=0)
            result[app.name] = polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))
    finally:
        os.chdir(cwd)
    return result


@pytest.mark.parametrize("app", [app.name for app in APPS])
def test_every_string_has_an_english_translation(extracted, app):
    catalogue = extracted[app]
    untranslated = [
        entry.msgid for entry in catalogue
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]
    assert not untranslated, (
        f"{app}: {len(untranslated)} strings without English translation (run `make messages` "
        f"and fill src/kerekasztal/{app}/locale/en/LC_MESSAGES/django.po): {untranslated[:10]}"
    )
