from pathlib import Path

import polib
from django.core.management.base import BaseCommand

import kerekasztal


class Command(BaseCommand):
    help = "Compiles every .po catalogue of the package to .mo (no GNU gettext needed)."

    def handle(self, *args, **options):
        root = Path(kerekasztal.__file__).resolve().parent
        count = 0
        for po_path in root.glob("**/locale/*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"Translations: {count} catalogue(s) compiled.")
