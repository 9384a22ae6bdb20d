from django.core.management.base import BaseCommand

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load
from kerekasztal.territory.services import territory_load


class Command(BaseCommand):
    help = "Creates the demo forum (Kőszegi járás) and demo logins. Idempotent."

    def handle(self, *args, **options):
        territory_load()
        ctx = demo_load()
        self.stdout.write(f"Demo forum: /f/{ctx.forum.slug}/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for label, email in ctx.logins:
            self.stdout.write(f"  {label:<28} {email}")
