import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from kerekasztal.core.exports.services import export_delete_expired
from kerekasztal.core.privacy.services import (
    enforce_app_retention,
    enforce_retention,
    mail_erase_past_retention,
)


class Command(BaseCommand):
    help = ("Erases (anonymises) every directory person whose retention date has passed, and "
            "the records of other apps past their retention (event registrations), and expired "
            "exports' files. Run it "
            "daily from a scheduler; it is idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Only list who would be erased.")
        parser.add_argument("--today", type=datetime.date.fromisoformat,
                            help="The day to judge by (YYYY-MM-DD); default: today.")

    def handle(self, *args, dry_run=False, today=None, **options):
        due = enforce_retention(today=today, dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(f"{verb} {len(due)} people past their retention date.")
        for person in due:
            self.stdout.write(f"  directory.person #{person.pk} (forum #{person.forum_id}, "
                              f"retention until {person.retention_until.isoformat()})")
        for model, count in enforce_app_retention(today=today, dry_run=dry_run).items():
            self.stdout.write(f"{verb} the personal data of {count} {model} records past "
                              "their retention.")
        count = mail_erase_past_retention(today=today or timezone.localdate(), dry_run=dry_run)
        self.stdout.write(f"{verb} {count} e-mail deliveries past their retention.")
        count = export_delete_expired(dry_run=dry_run)
        self.stdout.write(f"{verb} {count} expired exports and their files.")
