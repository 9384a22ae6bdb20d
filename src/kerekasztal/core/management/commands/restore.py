from django.core.management.base import BaseCommand, CommandError

from kerekasztal.core.privacy.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restores an archive written by `kerekasztal backup` into an empty, migrated "
            "database. Checks every checksum and count first; refuses a damaged archive.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `kerekasztal backup`")

    def handle(self, *args, path, **options):
        try:
            manifest = restore_backup(path)
        except BackupError as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        records = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {records} records and {len(manifest['files'])} files (backup of "
            f"{manifest['created_at']}, from {manifest['source_engine']})."
        )
