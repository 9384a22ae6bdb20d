from django.core.management.base import BaseCommand

from kerekasztal.territory.services import territory_load


class Command(BaseCommand):
    help = "Loads Hungary's counties, districts and settlements (KSH 2024). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even if unchanged.")

    def handle(self, *args, force: bool = False, **options):
        result = territory_load(force=force)
        state = "loaded" if result.changed else "already up to date"
        self.stdout.write(
            f"Territory {state}: {result.counties} counties, {result.districts} districts, "
            f"{result.settlements} settlements."
        )
