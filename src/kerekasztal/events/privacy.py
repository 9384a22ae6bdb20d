"""Retention of event registrations (GDPR Art. 5(1)(e)).

A registration's name, e-mail address and phone number are kept for
`REGISTRATION_RETENTION_DAYS` after its event ended (by default five years: grant projects
must prove participation until the end of their sustainability period), then erased (with
the registration's past versions, should it keep any). The registration itself stays
(status, attendance, completion, settlement, organisation, certificate number), so
participant counts, indicators and reports do not change.

`kerekasztal enforce-retention` calls `erase_past_retention` of every app's `privacy` module.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from .models import Registration

ERASED_NAME = "Törölt jelentkező"
ERASED_DOMAIN = "torolt.invalid"


def cutoff(today: datetime.date) -> datetime.date:
    """Registrations of events that ended before this day are past their retention."""
    return today - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)


def registrations_past_retention(today: datetime.date):
    return (Registration.objects.filter(event__ends_at__date__lt=cutoff(today))
            .exclude(email__endswith=f"@{ERASED_DOMAIN}"))


@transaction.atomic
def erase_past_retention(*, today: datetime.date, dry_run: bool = False) -> dict[str, int]:
    """Erase the name, e-mail and phone of every registration past its retention; idempotent."""
    due = registrations_past_retention(today)
    count = due.count()
    if count and not dry_run:
        ids = list(due.values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            if hasattr(Registration, "history"):  # past versions hold the data too
                Registration.history.filter(id__in=chunk).delete()
            number = Cast("pk", output_field=CharField())
            Registration.objects.filter(pk__in=chunk).update(
                name=Concat(Value(f"{ERASED_NAME} #"), number, output_field=CharField()),
                email=Concat(Value("torolt-"), number, Value(f"@{ERASED_DOMAIN}"),
                             output_field=CharField()), phone="")
    return {"events.registration": count}
