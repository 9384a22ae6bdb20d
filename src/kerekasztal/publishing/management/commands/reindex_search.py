from django.core.management.base import BaseCommand

from kerekasztal.publishing.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of every forum's public records."

    def handle(self, *args, **options):
        count = reindex_all()
        self.stdout.write(f"{count} records indexed.")
