from django.core.management.base import BaseCommand, CommandError

from kerekasztal.core.privacy.backup import BackupError, create_backup


class Command(BaseCommand):
    help = ("Writes one archive (.tar.gz) with every record (portable JSON), the uploaded "
            "files and a manifest with counts and SHA-256 checksums, signed with BACKUP_KEY; "
            "readable by its owner only.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the archive, e.g. backup.tar.gz")

    def handle(self, *args, path, **options):
        try:
            manifest = create_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        records = sum(manifest["counts"].values())
        self.stdout.write(f"Backup written to {path}: {records} records in "
                          f"{len(manifest['counts'])} tables, {len(manifest['files'])} files.")
