"""Data subjects' rights for the people of a forum's directory (GDPR Art. 15, 17, 5(1)(e)).

- `person_export`: everything the platform holds about a person, as JSON (right of access).
- `person_erase`: anonymise the person: the identifying fields are emptied, the past versions
  of the record are deleted, and the records that count them (affiliations, representations,
  attendance, registrations of other apps) stay, so aggregate counts do not change.
- `enforce_retention`: erase every person whose retention date has passed (for a scheduler:
  `kerekasztal enforce-retention`); `enforce_app_retention` runs the apps' own rules
  (`<app>/privacy.py`, e.g. event registrations some years after the event).
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import ngettext

from kerekasztal.core.models import Erasure, ErasureReason, User
from kerekasztal.core.text import fold

ERASED_NAME = "Törölt személy"
ERASED_USER_NAME = "Törölt felhasználó"
SKIPPED_FIELDS = {"name_key", "forum", "user", "id"}


def _value(instance: models.Model, field: models.Field) -> Any:
    value = getattr(instance, field.attname)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if field.choices and value not in (None, ""):
        return {"value": value, "label": str(dict(field.flatchoices).get(value, value))}
    return value


def _fields(instance: models.Model, skip: set[str] = SKIPPED_FIELDS) -> dict[str, Any]:
    return {
        str(field.verbose_name): _value(instance, field)
        for field in instance._meta.concrete_fields if field.name not in skip
    }


def person_export(person) -> dict[str, Any]:
    """Everything about one person, readable by the person (Hungarian field names)."""
    from kerekasztal.directory.models import Person

    person = (
        Person.objects.select_related("forum", "user")
        .prefetch_related("affiliations__organisation", "representations__organisation",
                          "representations__forum")
        .get(pk=person.pk)
    )
    account = None
    if person.user is not None:
        account = {
            "e-mail-cím": person.user.email, "név": person.user.full_name,
            "regisztráció": person.user.date_joined.isoformat(),
            "utolsó belépés": person.user.last_login.isoformat()
            if person.user.last_login else None,
        }
    history = [
        {"időpont": record.history_date.isoformat(), "művelet": record.history_type,
         "módosította": record.history_user.email if record.history_user else None,
         "adatok": _fields(record, SKIPPED_FIELDS | {"history_id", "history_date",
                                                       "history_change_reason", "history_type",
                                                       "history_user"})}
        for record in person.history.select_related("history_user").order_by("history_date")
    ]
    handled = {"affiliations", "representations"}
    related = []
    for relation in Person._meta.related_objects:
        accessor = relation.get_accessor_name()
        related_model = cast(type[models.Model], relation.related_model)
        if accessor is None or accessor in handled or related_model._meta.label_lower.startswith(
            ("directory.historical", "core.")
        ):
            continue
        if relation.one_to_one:
            try:
                objects = [getattr(person, accessor)]
            except ObjectDoesNotExist:
                objects = []
        else:
            objects = list(getattr(person, accessor).all()[:1000])
        related += [{"adatfajta": str(obj._meta.verbose_name), "azonosító": obj.pk,
                     "megnevezés": str(obj)} for obj in objects]
    return {
        "készült": timezone.now().isoformat(timespec="seconds"),
        "fórum": person.forum.name,
        "személy": _fields(person),
        "szervezetek": [{"szervezet": a.organisation.name, "szerepkör": a.role}
                        for a in person.affiliations.all()],
        "képviselet": [{"szervezet": m.organisation.name, "fórum": m.forum.name,
                        "kezdete": m.since.isoformat(),
                        "vége": m.until.isoformat() if m.until else None}
                       for m in person.representations.all()],
        "felhasználói fiók": account,
        "korábbi változatok": history,
        "kapcsolódó adatok": related,
    }


def is_erased(person) -> bool:
    return Erasure.objects.filter(model=person._meta.label_lower, object_id=person.pk).exists()


def account_belongs_to_forum_alone(user: User, forum) -> bool:
    """Whether the platform account is only this forum's data: not an operator's, no role
    anywhere, no other person's login, and never a person or a role in another forum (a
    forum's coordinator must not disable an account that other forums rely on, issue 21)."""
    from kerekasztal.directory.models import Person
    from kerekasztal.forums.models import AccountInvitation, ForumAccess

    if user.is_staff or user.is_superuser or user.forum_access.exists():
        return False
    if Person.objects.filter(user=user).exists():
        return False
    elsewhere = [
        Person.history.filter(user_id=user.pk).exclude(forum_id=forum.pk),
        ForumAccess.history.filter(user_id=user.pk).exclude(forum_id=forum.pk),
        AccountInvitation.objects.filter(user=user).exclude(forum=forum)
        .exclude(accepted_at=None),
    ]
    return not any(records.exists() for records in elsewhere)


def _anonymise_account(user: User, forum) -> bool:
    """Deactivate and anonymise the person's login when it is only this forum's (see
    `account_belongs_to_forum_alone`); otherwise only the link to the person goes."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not account_belongs_to_forum_alone(user, forum):
        return False
    user.email = f"torolt-{user.pk}@torolt.invalid"
    user.full_name = ERASED_USER_NAME
    user.is_active = False
    user.set_unusable_password()
    user.save()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return True


def _forget_hooks():
    """`person_forget(person=...)` of every app's services module that has one (e.g. the
    meetings app blanks the name and e-mail copied into invitations)."""
    from kerekasztal.core.contracts import _modules

    for module in _modules("services"):
        hook = getattr(module, "person_forget", None)
        if callable(hook):
            yield hook


@transaction.atomic
def person_erase(*, person, user: User | None, reason: str = ErasureReason.REQUEST) -> Erasure:
    """Anonymise the person; keep the records that count them. Idempotent per person."""
    from kerekasztal.directory.models import Person

    person = Person.objects.select_for_update().get(pk=person.pk)
    existing = Erasure.objects.filter(model=person._meta.label_lower, object_id=person.pk).first()
    if existing is not None:
        return existing
    account = person.user
    for forget in _forget_hooks():  # other apps' copies of the name and e-mail
        forget(person=person)
    person.history.all().delete()  # the past versions hold the personal data too
    from kerekasztal.forums.models import AccountInvitation

    AccountInvitation.objects.filter(person=person).delete()
    from kerekasztal.directory.models import Affiliation

    Affiliation.history.filter(person_id=person.pk).delete()
    person.affiliations.update(role="")  # a role may describe the person; the link stays
    person.name = f"{ERASED_NAME} #{person.pk}"
    person.name_key = fold(person.name)
    person.email = ""
    person.phone = ""
    person.position = ""
    person.user = None
    person.archived_at = person.archived_at or timezone.now()
    person.full_clean()
    if user is not None:
        person._history_user = user
    person.save()
    if account is not None:
        _anonymise_account(account, person.forum)
    return Erasure.objects.create(forum=person.forum, model=person._meta.label_lower,
                                  object_id=person.pk, reason=reason, erased_by=user)


def people_past_retention(today: datetime.date):
    from kerekasztal.directory.models import Person

    erased = Erasure.objects.filter(model="directory.person").values("object_id")
    return Person.objects.filter(retention_until__lt=today).exclude(pk__in=erased).order_by("pk")


def enforce_retention(*, today: datetime.date | None = None, dry_run: bool = False) -> list:
    """Erase every person whose retention date has passed; returns them."""
    due = list(people_past_retention(today or timezone.localdate()))
    if not dry_run:
        for person in due:
            person_erase(person=person, user=None, reason=ErasureReason.RETENTION)
    return due


def enforce_app_retention(*, today: datetime.date | None = None,
                          dry_run: bool = False) -> dict[str, int]:
    """Run `erase_past_retention(today=..., dry_run=...)` of every app's `privacy` module;
    returns how many records of each model were (or would be) erased."""
    from kerekasztal.core.contracts import _modules

    counts: dict[str, int] = {}
    for module in _modules("privacy"):
        rule = getattr(module, "erase_past_retention", None)
        if callable(rule):
            counts.update(rule(today=today or timezone.localdate(), dry_run=dry_run))
    return counts


def registration_retention_period() -> str:
    """How long event registrations are kept, for the privacy notice and the form:
    "5 évig", "30 napig"."""
    days = settings.REGISTRATION_RETENTION_DAYS
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d évig", "%(count)d évig", years) % {"count": years}
    return ngettext("%(count)d napig", "%(count)d napig", days) % {"count": days}


def mail_erase_past_retention(*, today: datetime.date, dry_run: bool = False) -> int:
    """E-mail deliveries (addresses and texts) are deleted MAIL_RETENTION_DAYS after they
    were queued, once sent or failed; the records they were about keep their own data."""
    from kerekasztal.core.models import MailDelivery, MailStatus

    limit = timezone.make_aware(datetime.datetime.combine(
        today - datetime.timedelta(days=settings.MAIL_RETENTION_DAYS), datetime.time.min))
    due = MailDelivery.objects.exclude(status=MailStatus.QUEUED).filter(created_at__lt=limit)
    count = due.count()
    if count and not dry_run:
        due.delete()
    return count
