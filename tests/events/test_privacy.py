import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kerekasztal.core.privacy.services import enforce_app_retention
from kerekasztal.events import services
from kerekasztal.events.models import Registration

from .conftest import published_event

pytestmark = pytest.mark.django_db


def test_registrations_are_erased_after_the_retention_period_and_counts_stay(world, settings):
    settings.REGISTRATION_RETENTION_DAYS = 365
    event = published_event(world.forum)
    later = published_event(world.forum, title="Későbbi képzés",
                            starts_at=event.starts_at + datetime.timedelta(days=400),
                            ends_at=event.ends_at + datetime.timedelta(days=400))
    kept = services.register(event=later, name="Nagy Péter", email="peter@example.org",
                             consent=True)
    registration = services.register(event=event, name="Kiss Anna", email="anna@example.org",
                                     consent=True)
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    ended = timezone.localtime(event.ends_at).date()

    # On the last day of the retention period nothing is erased yet.
    on_the_day = ended + datetime.timedelta(days=365)
    assert enforce_app_retention(today=on_the_day) == {"events.registration": 0}
    registration.refresh_from_db()
    assert registration.name == "Kiss Anna"

    # The day after, a dry run only counts; the run erases the name and the e-mail, and
    # keeps the registration with its attendance.
    day_after = on_the_day + datetime.timedelta(days=1)
    assert enforce_app_retention(today=day_after, dry_run=True) == {"events.registration": 1}
    registration.refresh_from_db()
    assert registration.name == "Kiss Anna"
    assert enforce_app_retention(today=day_after) == {"events.registration": 1}
    registration.refresh_from_db()
    assert registration.name == f"Törölt jelentkező #{registration.pk}"
    assert registration.email == f"torolt-{registration.pk}@torolt.invalid"
    assert registration.attended and registration.status == "confirmed"
    assert not Registration.objects.filter(name="Kiss Anna").exists()
    assert not Registration.objects.filter(email="anna@example.org").exists()
    assert event.registrations.count() == 1
    # A later event's registration is still within its period; running again erases nothing.
    kept.refresh_from_db()
    assert kept.name == "Nagy Péter"
    assert enforce_app_retention(today=day_after) == {"events.registration": 0}


def test_the_retention_command_reports_counts_never_names(world, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    event = published_event(world.forum)
    registration = services.register(event=event, name="Kiss Anna", email="anna@example.org",
                                     consent=True)
    today = (timezone.localtime(event.ends_at).date() + datetime.timedelta(days=31)).isoformat()
    out = io.StringIO()
    call_command("enforce_retention", "--dry-run", "--today", today, stdout=out)
    assert "Would erase the personal data of 1 events.registration records" in out.getvalue()
    assert "Kiss" not in out.getvalue() and "anna@" not in out.getvalue()
    call_command("enforce_retention", "--today", today, stdout=io.StringIO())
    registration.refresh_from_db()
    assert registration.name.startswith("Törölt jelentkező")
