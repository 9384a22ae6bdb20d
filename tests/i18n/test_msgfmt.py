"""Every catalogue passes GNU gettext's `msgfmt --check-format`: the placeholders of each
translation agree with its source's (a `python-format` entry whose msgstr lacks one of the
msgid's named placeholders, or has a stray `%`, is a fatal error for msgfmt and for
translation tools, even where Python's `%` would let it pass).

`.ci/run` installs gettext; outside CI the tests are skipped with a message when msgfmt is
missing.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import kerekasztal

PACKAGE = Path(kerekasztal.__file__).resolve().parent
CATALOGUES = sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/*.po"))


@pytest.fixture(scope="module")
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("GNU gettext (msgfmt) is needed to check the catalogues")
        pytest.skip("GNU gettext (msgfmt) is not installed; catalogues not checked")
    return path


def check(msgfmt: str, po: Path) -> subprocess.CompletedProcess:
    return subprocess.run([msgfmt, "--check-format", "-o", os.devnull, str(po)],
                          capture_output=True, text=True, check=False)


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: str(po.relative_to(PACKAGE)))
def test_catalogue_passes_msgfmt_check_format(msgfmt, po):
    result = check(msgfmt, po)
    assert result.returncode == 0, result.stderr


def test_the_check_catches_a_placeholder_missing_from_the_translation(msgfmt, tmp_path):
    """The article placeholder the Hungarian needs must stay in the English msgstr (it is
    empty under English: 'The event %(a)s“%(title)s” is cancelled.')."""
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '#, python-format\nmsgid "%(a)s „%(title)s” rendezvény elmarad."\n'
                  'msgstr "The event “%(title)s” is cancelled."\n', encoding="utf-8")
    result = check(msgfmt, po)
    assert result.returncode != 0 and "'a'" in result.stderr


def test_the_kept_article_placeholder_prints_nothing_in_english():
    from django.template.loader import render_to_string
    from django.utils import translation

    context = {"inviter": "Kiss Anna", "forum_name": "Esélyteremtő Kerekasztal"}
    with translation.override("en"):
        english = render_to_string("forums/email/account_invitation.txt", context)
    with translation.override("hu"):
        hungarian = render_to_string("forums/email/account_invitation.txt", context)
    assert "invited you to the forum “Esélyteremtő Kerekasztal” on" in english
    assert "meghívta Önt az „Esélyteremtő Kerekasztal” fórumba" in hungarian
