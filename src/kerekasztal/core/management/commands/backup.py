from django.core.management.base import BaseCommand

from kerekasztal.core.backup import create_backup


class Command(BaseCommand):
    help = ("Writes one archive (.tar.gz) with every record (portable JSON), the uploaded "
            "files and a manifest with counts and SHA-256 checksums.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the archive, e.g. backup.tar.gz")

    def handle(self, *args, path, **options):
        manifest = create_backup(path)
        records = sum(manifest["counts"].values())
        self.stdout.write(f"Backup written to {path}: {records} records in "
                          f"{len(manifest['counts'])} tables, {len(manifest['files'])} files.")
