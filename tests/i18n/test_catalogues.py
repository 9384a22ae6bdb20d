"""Every translatable string of every app has its English translation.

Extraction needs GNU gettext (xgettext). `.ci/run` installs it; outside CI the test is
skipped with a message when it is missing. The extraction runs with the options of
`make messages` (MESSAGES_OPTIONS in the Makefile), so it also shows that `make messages`
would change nothing in the committed catalogues.
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
# The Makefile's MESSAGES_OPTIONS (--no-obsolete --no-location --no-wrap).
MESSAGES_OPTIONS = {"no_obsolete": True, "no_location": True, "no_wrap": True}


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
            call_command("makemessages", locale=["en"], verbosity=0, **MESSAGES_OPTIONS)
            result[app.name] = copy / "locale/en/LC_MESSAGES/django.po"
    finally:
        os.chdir(cwd)
    return result


@pytest.mark.parametrize("app", [app.name for app in APPS])
def test_every_string_has_an_english_translation(extracted, app):
    catalogue = polib.pofile(str(extracted[app]))
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


@pytest.mark.parametrize("app", [app.name for app in APPS])
def test_make_messages_changes_nothing_in_the_committed_catalogue(extracted, app):
    """`make messages` run on the committed sources leaves the committed catalogue as it is
    (no new date, no rewrapping, no reordering): the catalogues are kept in its form."""
    committed = PACKAGE / app / "locale/en/LC_MESSAGES/django.po"
    if not committed.exists():
        pytest.skip(f"{app} has no catalogue")
    assert extracted[app].read_text(encoding="utf-8") == committed.read_text(
        encoding="utf-8"), (
        f"{app}: `make messages` would rewrite src/kerekasztal/{app}/locale/en/LC_MESSAGES/"
        "django.po; run it and commit the result (fill new entries with "
        "scripts/fill_translations.py, which writes the same unwrapped form)")
