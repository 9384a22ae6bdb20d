from django.core.management.base import BaseCommand

from kerekasztal.meetings import services


class Command(BaseCommand):
    help = "Remind the invitees of meetings starting soon (once per meeting); run daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2,
                            help="Meetings starting within this many days (default 2).")

    def handle(self, *args, days: int, **options):
        for meeting in services.reminders_send(days=days):
            self.stdout.write(f"{meeting.forum.slug}: {meeting}")
