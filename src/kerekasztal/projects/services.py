"""Writes to grant projects and their records."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kerekasztal.core import hungarian
from kerekasztal.core.models import User
from kerekasztal.core.records.history import set_history_user
from kerekasztal.core.typeddata import field_names
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.forums.models import Forum

from .models import (
    Extension,
    Indicator,
    ManualValue,
    PressRelease,
    PressReleaseKind,
    Project,
)


class ProjectFields(TypedDict, total=False):
    """What the services may set on a project."""

    programme: str
    brand: str
    infoblock: str
    call_code: str
    call_title: str
    code: str
    title: str
    summary: str
    beneficiary: Organisation
    grant_amount: int
    grant_rate: Decimal
    total_cost: int | None
    funds: Any
    start: datetime.date
    end: datetime.date
    sustainability_end: datetime.date | None
    closed_on: datetime.date | None
    website: str
    contact: Person | None


PROJECT_FIELDS = field_names(ProjectFields)



def _check_directory(project: Project) -> None:
    """The beneficiary and the contact come from the forum's own directory."""
    root = project.forum.root
    errors = {}
    if project.beneficiary_id and project.beneficiary.forum_id != root.pk:
        errors["beneficiary"] = _("A szervezet nem szerepel a fórum címtárában.")
    contact = project.contact
    if contact is not None and contact.forum_id != root.pk:
        errors["contact"] = _("A személy nem szerepel a fórum címtárában.")
    if errors:
        raise ValidationError(errors)


def _set_forums(project: Project, forums: Iterable[Forum] | None) -> None:
    if forums is None:
        return
    forums = list(forums)
    allowed = {project.forum_id, *Forum.objects.filter(parent=project.forum)
               .values_list("pk", flat=True)}
    if any(f.pk not in allowed for f in forums):
        raise ValidationError({"forums_funded": _(
            "Csak ez a fórum és munkacsoportjai választhatók.")})
    project.forums_funded.set(forums)


@transaction.atomic
def project_create(
    *, forum: Forum, user: User | None, forums_funded: Iterable[Forum] | None = None,
    **data: Unpack[ProjectFields],
) -> Project:
    unknown = set(data) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    project = Project(forum=forum, **data)
    project.full_clean()
    _check_directory(project)
    set_history_user(project, user)
    project.save()
    _set_forums(project, forums_funded)
    return project


@transaction.atomic
def project_update(
    *, project: Project, user: User | None, forums_funded: Iterable[Forum] | None = None,
    **data: Unpack[ProjectFields],
) -> Project:
    unknown = set(data) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(project, name, value)
    project.full_clean()
    _check_directory(project)
    if project.extensions.filter(new_end__lte=project.end).exists():
        raise ValidationError({"end": _(
            "A meghosszabbított befejezésnél nem lehet későbbi az eredeti befejezés.")})
    if (project.sustainability_end
            and project.extensions.filter(new_end__gt=project.sustainability_end).exists()):
        raise ValidationError({"sustainability_end": _(
            "A fenntartási időszak vége nem lehet korábbi a meghosszabbított befejezésnél "
            "(%(day)s).") % {"day": hungarian.date_long(project.current_end)}})
    set_history_user(project, user)
    project.save(update_fields=list(data) or None)
    _set_forums(project, forums_funded)
    return project


@transaction.atomic
def extension_add(*, project: Project, new_end: datetime.date, reason: str,
                  decided_on: datetime.date | None = None, user: User | None) -> Extension:
    """A new end date; it must be later than the end after the earlier extensions."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    current = project.current_end
    if new_end <= current:
        raise ValidationError({"new_end": _(
            "Az új befejezésnek későbbinek kell lennie a jelenlegi befejezésnél (%(end)s)."
        ) % {"end": hungarian.date_long(current)}})
    extension = Extension(project=project, new_end=new_end, reason=reason,
                          decided_on=decided_on)
    extension.full_clean()
    set_history_user(extension, user)
    extension.save()
    return extension


def _same_directory(project: Project, instance: models.Model) -> None:
    root_id = project.forum.root.pk
    for field in ("organisation", "person", "employer"):
        related = getattr(instance, field, None)
        if related is not None and related.forum_id != root_id:
            raise ValidationError({field: _("Nem szerepel a fórum címtárában.")})


@transaction.atomic
def record_save(*, instance: models.Model, user: User | None) -> models.Model:
    """Add or change a child record of a project (partner, renaming, staff role, asset,
    deliverable, milestone): validated, in one transaction."""
    project = getattr(instance, "project", None) or instance.partner.project  # type: ignore[attr-defined]
    _same_directory(project, instance)
    instance.full_clean()
    set_history_user(instance, user)
    instance.save()
    return instance


@transaction.atomic
def record_delete(*, instance: models.Model, user: User | None) -> None:
    set_history_user(instance, user)
    instance.delete()


@transaction.atomic
def indicator_add(*, project: Project, user: User | None, name: str, unit: str, target: Any,
                  rule: str = "", params: dict | None = None, order: int = 0) -> Indicator:
    indicator = Indicator(project=project, name=name, unit=unit, target=target, rule=rule,
                          params=params or {}, order=order)
    indicator.full_clean()
    set_history_user(indicator, user)
    indicator.save()
    return indicator


@transaction.atomic
def indicators_from_rules(*, project: Project, user: User | None,
                          targets: dict[str, Any]) -> list[Indicator]:
    """One computed indicator per rule code with its target (the grant contract's list)."""
    from kerekasztal.core import contracts

    rules = contracts.indicator_rules()
    start = project.indicators.count()
    created = []
    for offset, (code, target) in enumerate(targets.items(), start=1):
        rule = rules.get(code)
        if rule is None:
            raise ValidationError(_("Ismeretlen számítási szabály."))
        with translation.override("hu"):  # names and units go into Hungarian documents
            name, unit = str(rule.label), str(rule.unit)
        created.append(indicator_add(project=project, user=user, name=name, rule=code,
                                     unit=unit, target=target, order=start + offset))
    return created


@transaction.atomic
def indicator_update(*, indicator: Indicator, user: User | None, name: str, unit: str,
                     target: Any, rule: str = "", params: dict | None = None,
                     order: int = 0) -> Indicator:
    if rule and indicator.manual_values.exists():
        raise ValidationError({"rule": _("Az indikátornak kézi értékei vannak, ezért nem "
                                         "alakítható számítottá.")})
    indicator.name, indicator.unit, indicator.target = name, unit, target
    indicator.rule, indicator.params, indicator.order = rule, params or {}, order
    indicator.full_clean()
    set_history_user(indicator, user)
    indicator.save()
    return indicator


@transaction.atomic
def manual_value_add(*, indicator: Indicator, as_of: datetime.date, value: Any, evidence: Any,
                     note: str = "", user: User | None) -> ManualValue:
    if not indicator.is_manual:
        raise ValidationError(_("Számított indikátorhoz nem lehet kézi értéket rögzíteni."))
    if not evidence:
        raise ValidationError({"evidence": _("Kézi értékhez bizonyítékot kell feltölteni.")})
    manual = ManualValue(indicator=indicator, as_of=as_of, value=value, evidence=evidence,
                         note=note)
    manual.full_clean()
    set_history_user(manual, user)
    manual.save()
    return manual


@transaction.atomic
def manual_value_update(*, manual: ManualValue, as_of: datetime.date, value: Any, note: str = "",
                        evidence: Any = None, user: User | None) -> ManualValue:
    """Correct a manual value; a new evidence file replaces the old one, none keeps it. The
    earlier version stays in the history (with its file)."""
    manual.as_of, manual.value, manual.note = as_of, value, note
    if evidence:
        manual.evidence = evidence
    manual.full_clean()
    set_history_user(manual, user)
    manual.save()
    return manual


@transaction.atomic
def manual_value_delete(*, manual: ManualValue, user: User | None) -> None:
    """Delete a value entered by mistake; the history keeps it (who, when, what)."""
    set_history_user(manual, user)
    manual.delete()


@transaction.atomic
def press_release_generate(*, project: Project, kind: str, as_of: datetime.date,
                           user: User | None) -> PressRelease:
    """A draft written from the records as of `as_of`; the coordinator edits it."""
    from .writing import write

    if kind not in PressReleaseKind.values:
        raise ValidationError({"kind": _("Ismeretlen dokumentumfajta.")})
    title, body = write(project, kind, as_of)
    release = PressRelease(project=project, kind=kind, title=title, body=body, as_of=as_of)
    release.full_clean()
    set_history_user(release, user)
    release.save()
    return release


@transaction.atomic
def press_release_update(*, release: PressRelease, title: str, body: str,
                         user: User | None) -> PressRelease:
    release.title, release.body = title, body
    release.full_clean()
    set_history_user(release, user)
    release.save(update_fields=["title", "body", "updated_at"])
    return release


def published_moment(day: datetime.date) -> datetime.datetime:
    """When a release recorded as published on `day` counts as published: now for today,
    else noon of that local day (noon, so the day is the same in UTC and in Budapest
    wherever a date-time is cut to a date: sitemaps, feeds, exports)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@transaction.atomic
def press_release_publish(*, release: PressRelease, user: User | None, publish: bool = True,
                          published_on: datetime.date | None = None) -> PressRelease:
    """Publish a release (today, or on the past day it really appeared: a release recorded
    later from its real text keeps its day) or withdraw it (`publish=False`)."""
    if not publish:
        release.published_at = None
    else:
        day = published_on or timezone.localdate()
        if day > timezone.localdate():
            raise ValidationError({"published_on": _(
                "A közzététel napja nem lehet a jövőben: csak már megjelent közleményt "
                "lehet múltbeli nappal rögzíteni.")})
        if day < release.as_of:
            raise ValidationError({"published_on": _(
                "A közzététel napja nem lehet korábbi az adatok napjánál (%(as_of)s): a "
                "közlemény nem tükrözheti egy későbbi nap állapotát. Készítse el újra a "
                "közlemény szövegét a közzététel napjáig tartó adatokkal."
            ) % {"as_of": hungarian.date_long(release.as_of)}})
        if release.published_at is None or timezone.localdate(release.published_at) != day:
            release.published_at = published_moment(day)
    set_history_user(release, user)
    release.save(update_fields=["published_at", "updated_at"])
    return release
