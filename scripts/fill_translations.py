"""Fill English msgstrs in every app's catalogue from a plain list.

Usage: python scripts/fill_translations.py LIST...   (each line: hu ||| en [||| en plural])
Entries already translated are kept (an English text lacking the article placeholder
`%(a)s` of its Hungarian source gets it before its opening quote); prints what is still
missing. Lines are not wrapped,
as `make messages` (--no-wrap) writes them, so the two never rewrap each other's output.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1] / "src" / "kerekasztal"


def load(paths):
    table = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if "|||" in line:
                parts = [part.strip() for part in line.split("|||")]
                table[parts[0]] = parts[1:]
    return table


def keep_article_placeholder(entry) -> None:
    """msgfmt --check-format wants every named placeholder of the msgid in the msgstr: the
    Hungarian article `%(a)s` (empty on English pages) goes right before the quote,
    'The event %(a)s“%(title)s” is cancelled.'."""
    if "%(a)s" in entry.msgid and entry.msgstr and "%(a)s" not in entry.msgstr \
            and "“" in entry.msgstr:
        entry.msgstr = entry.msgstr.replace("“", "%(a)s“", 1)


def main() -> None:
    table = load(sys.argv[1:])
    missing = []
    for po_path in sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(po_path), wrapwidth=0)  # as `make messages --no-wrap`
        catalogue.metadata["Language"] = "en"
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        for entry in catalogue:
            keep_article_placeholder(entry)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                # msgmerge's "#| msgid" note of the text it guessed from: `make messages`
                # drops it once the entry is no longer fuzzy, so it goes here too.
                entry.previous_msgid = entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
                entry.msgstr = ""
                entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
            done = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
            if done:
                continue
            found = table.get(entry.msgid)
            if not found:
                missing.append(entry.msgid)
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {0: found[0], 1: found[-1]}
            else:
                entry.msgstr = found[0]
        catalogue.save()
    for msgid in sorted(set(missing)):
        print(f"missing: {msgid!r}")


if __name__ == "__main__":
    main()
