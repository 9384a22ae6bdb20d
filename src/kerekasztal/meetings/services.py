"""Writes of the meetings app: scheduling, agenda, invitations and RSVP, attendance, minutes,
decisions and their follow-up."""

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kerekasztal.core import hungarian
from kerekasztal.core.ical import CalendarItem, calendar_bytes
from kerekasztal.core.mail.services import send_templated
from kerekasztal.core.models import User
from kerekasztal.core.records.history import set_history_user
from kerekasztal.core.richtext import sanitize
from kerekasztal.core.typeddata import field_names
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.forums.models import PARTICIPATING_ROLES, Forum, Membership, MembershipRole
from kerekasztal.territory.models import Settlement

from .models import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    CalendarToken,
    Decision,
    DecisionNote,
    DecisionStatus,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    QuorumKind,
    QuorumRule,
    Rsvp,
)


class MeetingFields(TypedDict, total=False):
    """What the services may set on a meeting."""

    number: int | None  # none or 0: the forum's next number
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_settlement: Settlement | None
    venue_address: str
    online_url: str
    visibility: str
    description: str


class AgendaItemFields(TypedDict, total=False):
    """What the services may set on an agenda item."""

    title: str
    presenter_person: Person | None
    presenter_organisation: Organisation | None
    duration_minutes: int | None


class DecisionFields(TypedDict, total=False):
    """What the services may set on a decision."""

    text: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    responsible_organisation: Organisation | None
    deadline: datetime.date | None
    number: int


MEETING_FIELDS = field_names(MeetingFields)
# Changing these after the invitations went out reschedules the meeting.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "venue_settlement", "venue_address", "online_url")
RSVP_SALT = "kerekasztal.meetings.rsvp"
RSVP_MAX_AGE = datetime.timedelta(days=180)



def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def meeting_url(meeting: Meeting) -> str:
    return absolute(reverse("meetings:detail", args=[meeting.forum.slug, meeting.pk]))


# --- meetings ----------------------------------------------------------------------------


def _lock_numbering(forum: Forum) -> None:
    """Lock the forum's row for the rest of the transaction (a no-op UPDATE: a row lock on
    PostgreSQL, the write lock on SQLite), so two meetings or decisions recorded at once do
    not both take the same next number."""
    Forum.objects.filter(pk=forum.pk).update(slug=F("slug"))


def next_number(forum: Forum) -> int:
    return (Meeting.objects.filter(forum=forum).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def meeting_schedule(
    *, forum: Forum, user: User | None = None, **data: Unpack[MeetingFields],
) -> Meeting:
    """A new meeting; its number is the forum's next one unless given."""
    if set(data) - set(MEETING_FIELDS):
        raise TypeError(f"unknown meeting fields: {sorted(set(data) - set(MEETING_FIELDS))}")
    if not data.get("number"):
        _lock_numbering(forum)
        data["number"] = next_number(forum)
    meeting = Meeting(forum=forum, **data)
    meeting.full_clean()
    set_history_user(meeting, user)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, user: User | None = None, **data: Unpack[MeetingFields],
) -> Meeting:
    """Edit a meeting. Moving an announced meeting reschedules it and tells every invitee."""
    if set(data) - set(MEETING_FIELDS):
        raise TypeError(f"unknown meeting fields: {sorted(set(data) - set(MEETING_FIELDS))}")
    if not data.get("number", True):
        data.pop("number")
    values: Mapping[str, Any] = data
    moved = [name for name in SCHEDULE_FIELDS
             if name in values and getattr(meeting, name) != values[name]]
    for name, value in data.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    announced = meeting.invitations_sent_at and meeting.status != MeetingStatus.CANCELLED
    rescheduled = bool(moved and announced and meeting.status != MeetingStatus.HELD)
    if rescheduled:
        if meeting.is_past:
            raise ValidationError({"starts_at": _("Már meghirdetett ülést csak jövőbeli "
                                                  "időpontra lehet áthelyezni.")})
        meeting.status = MeetingStatus.RESCHEDULED
        meeting.revision += 1
    set_history_user(meeting, user)
    meeting.save()
    if rescheduled:
        invitations = list(meeting.invitations.all())
        for invitation in invitations:
            invitation.rsvp, invitation.responded_at = Rsvp.PENDING, None
            invitation.save(update_fields=["rsvp", "responded_at"])
        _notify(meeting, invitations, "meetings/email/rescheduled.txt",
                gettext_lazy("Az ülés időpontja vagy helyszíne megváltozott: %(title)s"))
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, user: User | None = None) -> Meeting:
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise ValidationError(_("Megtartott vagy már elmaradt ülést nem lehet lemondani."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.revision += 1
    set_history_user(meeting, user)
    meeting.save(update_fields=["status", "cancel_reason", "revision", "updated_at"])
    _notify(meeting, list(meeting.invitations.filter(sent_at__isnull=False)),
            "meetings/email/cancelled.txt", gettext_lazy("Elmarad az ülés: %(title)s"))
    return meeting


def overlapping(meeting: Meeting):
    """Other meetings of the same forum at an overlapping time (a warning, not an error)."""
    return (
        Meeting.objects.filter(forum_id=meeting.forum_id, starts_at__lt=meeting.ends_at,
                               ends_at__gt=meeting.starts_at)
        .exclude(pk=meeting.pk).exclude(status=MeetingStatus.CANCELLED)
    )


# --- agenda ------------------------------------------------------------------------------


def _check_presenter(meeting: Meeting, person: Person | None,
                     organisation: Organisation | None) -> None:
    root = meeting.forum.root.pk
    if person and person.forum_id != root:
        raise ValidationError({"presenter_person": _("A személy nem ennek a fórumnak a "
                                                     "címtárában van.")})
    if organisation and organisation.forum_id != root:
        raise ValidationError({"presenter_organisation": _("A szervezet nem ennek a fórumnak "
                                                           "a címtárában van.")})


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, presenter_person: Person | None = None,
                    presenter_organisation: Organisation | None = None,
                    duration_minutes: int | None = None, user: User | None = None
                    ) -> AgendaItem:
    _check_presenter(meeting, presenter_person, presenter_organisation)
    position = (meeting.agenda_items.aggregate(p=Max("position"))["p"] or 0) + 1
    item = AgendaItem(meeting=meeting, title=title, presenter_person=presenter_person,
                      presenter_organisation=presenter_organisation,
                      duration_minutes=duration_minutes, position=position)
    item.full_clean()
    set_history_user(item, user)
    item.save()
    return item


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, user: User | None = None, **data: Unpack[AgendaItemFields],
) -> AgendaItem:
    allowed = set(field_names(AgendaItemFields))
    if set(data) - allowed:
        raise TypeError(f"unknown agenda fields: {sorted(set(data) - allowed)}")
    _check_presenter(item.meeting, data.get("presenter_person"),
                     data.get("presenter_organisation"))
    for name, value in data.items():
        setattr(item, name, value)
    item.full_clean()
    set_history_user(item, user)
    item.save(update_fields=list(data))
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    meeting = item.meeting
    item.delete()
    _renumber(list(meeting.agenda_items.order_by("position", "pk")))


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, offset: int) -> None:
    """Move an item up (-1) or down (+1) among its meeting's items."""
    items = list(item.meeting.agenda_items.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    _renumber(items)


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, order: list[int]) -> None:
    """Put the meeting's items in the given order of ids (the htmx drag-and-drop)."""
    items = {item.pk: item for item in meeting.agenda_items.select_for_update()}
    if sorted(order) != sorted(items):
        raise ValidationError(_("A napirendi pontok listája megváltozott; töltse újra az "
                                "oldalt."))
    _renumber([items[pk] for pk in order])


@transaction.atomic
def attachment_add(*, item: AgendaItem, name: str, file: Any, user: User | None = None
                   ) -> AgendaAttachment:
    attachment = AgendaAttachment(item=item, name=name or getattr(file, "name", ""), file=file)
    attachment.full_clean()
    set_history_user(attachment, user)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: AgendaAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()


# --- invitations -------------------------------------------------------------------------


def invited_memberships(meeting: Meeting):
    """Memberships in force on the meeting's day whose representatives are invited."""
    return (
        Membership.objects.on(meeting.date)
        .filter(forum_id=meeting.forum_id, role__in=PARTICIPATING_ROLES)
        .select_related("organisation").prefetch_related("representatives")
        .order_by("organisation__name")
    )


@transaction.atomic
def invitations_prepare(*, meeting: Meeting) -> list[Invitation]:
    """One invitation per representative of the organisations that are members on the
    meeting's day; existing invitations are kept."""
    existing = set(meeting.invitations.exclude(person=None).values_list("person_id", flat=True))
    created = []
    for membership in invited_memberships(meeting):
        for person in membership.representatives.all():
            if person.pk in existing or person.archived_at:
                continue
            existing.add(person.pk)
            created.append(Invitation.objects.create(
                meeting=meeting, organisation=membership.organisation, person=person,
                name=person.name, email=person.email,
            ))
    return created


@transaction.atomic
def invitation_add_extra(*, meeting: Meeting, name: str, email: str,
                         organisation: Organisation | None = None,
                         person: Person | None = None) -> Invitation:
    if person and person.forum_id != meeting.forum.root.pk:
        raise ValidationError({"person": _("A személy nem ennek a fórumnak a címtárában van.")})
    if organisation and organisation.forum_id != meeting.forum.root.pk:
        raise ValidationError({"organisation": _("A szervezet nem ennek a fórumnak a "
                                                 "címtárában van.")})
    invitation = Invitation(meeting=meeting, name=name or (person.name if person else ""),
                            email=email or (person.email if person else ""),
                            organisation=organisation, person=person, is_extra=True)
    invitation.full_clean()
    invitation.save()
    return invitation


def _check_can_announce(meeting: Meeting) -> None:
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED,
                              MeetingStatus.RESCHEDULED):
        raise ValidationError(_("Megtartott vagy elmaradt ülésre nem lehet meghívót küldeni."))
    now = timezone.now()
    if meeting.starts_at <= now < meeting.ends_at:
        raise ValidationError(_("Az ülés már folyamatban van: meghívót és emlékeztetőt az "
                                "ülés kezdete előtt lehet küldeni."))
    if meeting.is_past:
        raise ValidationError(_("Múltbeli ülésre nem lehet meghívót küldeni. Ha az ülés "
                                "elmaradt, rögzítse; ha áthelyezték, adja meg az új "
                                "időpontot."))


@transaction.atomic
def invitations_send(*, meeting: Meeting, user: User | None = None) -> int:
    """Invite every member's representatives and the extra invitees not invited yet.
    Returns the number of e-mails sent."""
    _check_can_announce(meeting)
    invitations_prepare(meeting=meeting)
    pending = list(meeting.invitations.filter(sent_at__isnull=True))
    now = timezone.now()
    _notify(meeting, pending, "meetings/email/invitation.txt", gettext_lazy("Meghívó: %(title)s"))
    for invitation in pending:
        invitation.sent_at = now
        invitation.save(update_fields=["sent_at"])
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.INVITED
    meeting.invitations_sent_at = meeting.invitations_sent_at or now
    set_history_user(meeting, user)
    meeting.save(update_fields=["status", "invitations_sent_at", "updated_at"])
    return sum(1 for invitation in pending if invitation.email)


@transaction.atomic
def invitations_remind(*, meeting: Meeting) -> int:
    """Remind everyone invited who has not declined."""
    _check_can_announce(meeting)
    invitations = list(meeting.invitations.filter(sent_at__isnull=False)
                       .exclude(rsvp=Rsvp.NO))
    _notify(meeting, invitations, "meetings/email/reminder.txt",
            gettext_lazy("Emlékeztető: %(title)s"))
    meeting.reminded_at = timezone.now()
    meeting.save(update_fields=["reminded_at"])
    return sum(1 for invitation in invitations if invitation.email)


def reminders_send(*, days: int = 2) -> list[Meeting]:
    """Remind the invitees of announced meetings starting within `days` days, once
    (`kerekasztal send-meeting-reminders`, e.g. daily from cron)."""
    now = timezone.now()
    due = list(Meeting.objects.filter(
        status__in=(MeetingStatus.INVITED, MeetingStatus.RESCHEDULED), reminded_at=None,
        starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=days),
    ).select_related("forum", "venue_settlement"))
    for meeting in due:
        invitations_remind(meeting=meeting)
    return due


def calendar_item(meeting: Meeting, *, url: str | None = None) -> CalendarItem:
    return CalendarItem(
        uid=f"meeting-{meeting.pk}@kerekasztal",
        summary=f"{meeting.forum.name}: {meeting.number}. {meeting.title}",
        start=meeting.starts_at, end=meeting.ends_at, url=url or meeting_url(meeting),
        location=meeting.venue, description=meeting.online_url,
        cancelled=meeting.status == MeetingStatus.CANCELLED, sequence=meeting.revision,
        updated=meeting.updated_at,
    )


def _notify(meeting: Meeting, invitations: list[Invitation], template: str,
            subject: Any) -> None:
    """E-mail the invitees (in Hungarian, whatever the sender's interface language)."""
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    ics = calendar_bytes([calendar_item(meeting)], name=meeting.forum.name, method=method)
    agenda = list(meeting.agenda_items.select_related("presenter_person",
                                                      "presenter_organisation"))
    for invitation in invitations:
        if not invitation.email:
            continue
        with translation.override("hu"):
            subject_text = str(subject) % {"title": meeting.title}
        send_templated(
            to=[invitation.email], subject=subject_text,
            template=template,
            context={"meeting": meeting, "invitation": invitation, "agenda": agenda,
                     "meeting_url": meeting_url(meeting),
                     "rsvp_url": absolute(reverse("meetings:rsvp",
                                                  args=[rsvp_token(invitation)]))},
            attachments=[(f"ules-{meeting.number}.ics", ics, "text/calendar")],
            reply_to=[meeting.forum.contact_email] if meeting.forum.contact_email else [],
            about=invitation, forum=meeting.forum,
        )


# --- RSVP --------------------------------------------------------------------------------


class RsvpLinkError(Exception):
    """Why a signed RSVP link is refused (the message is for the visitor)."""


def rsvp_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=RSVP_SALT)


def invitation_from_token(token: str) -> Invitation:
    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=RSVP_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise RsvpLinkError(_("A link lejárt.")) from exc
    except signing.BadSignature as exc:
        raise RsvpLinkError(_("A link érvénytelen.")) from exc
    invitation = (Invitation.objects.select_related("meeting__forum", "organisation", "person")
                  .filter(pk=data.get("i")).first())
    if invitation is None or invitation.nonce != data.get("n"):
        raise RsvpLinkError(_("Ezt a linket visszavonták; használja a legutóbbi e-mailben "
                              "kapott linket."))
    if not invitation.meeting.is_upcoming or invitation.meeting.ends_at <= timezone.now():
        raise RsvpLinkError(_("A link lejárt: az ülés már lezajlott vagy elmaradt."))
    return invitation


def substitutes_for(invitation: Invitation) -> QuerySet[Person]:
    """People of the same organisation who may stand in for the invitee."""
    if not invitation.organisation_id:
        return Person.objects.none()
    people = Person.objects.filter(affiliations__organisation_id=invitation.organisation_id,
                                   archived_at__isnull=True)
    if invitation.person_id is not None:
        people = people.exclude(pk=invitation.person_id)
    return people.order_by("name")


@transaction.atomic
def invitation_respond(*, invitation: Invitation, answer: str,
                       substitute: Person | None = None, substitute_name: str = "",
                       substitute_email: str = "") -> Invitation:
    """The invitee's answer; one who cannot come may name a substitute: a colleague from the
    directory, or anyone by name (and e-mail)."""
    meeting = invitation.meeting
    if not meeting.is_upcoming or meeting.ends_at <= timezone.now():
        raise ValidationError(_("Erre az ülésre már nem lehet visszajelezni."))
    if answer not in (Rsvp.YES, Rsvp.NO, Rsvp.MAYBE):
        raise ValidationError({"answer": _("Válasszon: igen, nem vagy talán.")})
    if substitute and not substitutes_for(invitation).filter(pk=substitute.pk).exists():
        raise ValidationError({"substitute": _("Helyettes csak ugyanannak a szervezetnek a "
                                               "munkatársa lehet.")})
    substitute_name, substitute_email = substitute_name.strip(), substitute_email.strip()
    if substitute and substitute_name:
        raise ValidationError({"substitute_name": _("Vagy válasszon helyettest a listából, "
                                                    "vagy adja meg a nevét, ne mindkettőt.")})
    if substitute_email and not substitute_name:
        raise ValidationError({"substitute_name": _("Adja meg a helyettes nevét is.")})
    standing_in = answer != Rsvp.YES
    invitation.rsvp = answer
    invitation.substitute = substitute if standing_in else None
    invitation.substitute_name = substitute_name if standing_in else ""
    invitation.substitute_email = substitute_email if standing_in else ""
    invitation.responded_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["rsvp", "substitute", "substitute_name", "substitute_email",
                                   "responded_at"])
    return invitation


@transaction.atomic
def invitation_reissue(*, invitation: Invitation) -> Invitation:
    """Invalidate the invitation's earlier RSVP links (e.g. a forwarded e-mail)."""
    from .models import _nonce

    invitation.nonce = _nonce()
    invitation.save(update_fields=["nonce"])
    return invitation


@transaction.atomic
def person_forget(*, person: Person) -> int:
    """Before a person is erased (retention, data protection): drop the name and e-mail
    copied into their invitations. Attendance becomes anonymous when the person goes."""
    count = Invitation.objects.filter(person=person).update(
        name="–", email="", substitute_name="", substitute_email="")
    Invitation.objects.filter(substitute=person).update(substitute=None)
    return count


# --- attendance and quorum ---------------------------------------------------------------


MAX_HEADCOUNT = 2000


def _check_directory(meeting: Meeting, organisations, people=()) -> None:
    root = meeting.forum.root.pk
    if any(p.forum_id != root for p in people) or any(
            o is not None and o.forum_id != root for o in organisations):
        raise ValidationError(_("A résztvevő nem ennek a fórumnak a címtárában van."))


@transaction.atomic
def attendance_record(*, meeting: Meeting,
                      people: Sequence[tuple[Person, Organisation | None]] = (),
                      named: Sequence[tuple[str, Organisation | None]] = (),
                      headcounts: dict[Organisation, int] | None = None,
                      headcount_total: int | None = None, guests: int = 0, scan: Any = None,
                      user: User | None = None) -> Meeting:
    """Who attended; marks the meeting held. Attendance is named people of the directory
    (person, organisation), invitees outside it by name (name, organisation), or — for a
    sheet kept on paper — a headcount per organisation and/or in total (the total includes
    the organisations' headcounts; the rest is counted without an organisation)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Elmaradt ülésen nem lehet jelenlétet rögzíteni."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("A jelenlétet az ülés kezdete után lehet rögzíteni."))
    headcounts = {org: n for org, n in (headcounts or {}).items() if n}
    named = [(name.strip(), org) for name, org in named if name.strip()]
    _check_directory(meeting, [o for _p, o in people] + [o for _n, o in named]
                     + list(headcounts), [p for p, _o in people])
    if any(n < 0 for n in headcounts.values()) or (headcount_total or 0) < 0 or guests < 0:
        raise ValidationError({"headcount_total": _("A létszám nem lehet negatív.")})
    attributed = sum(headcounts.values())
    if headcount_total is not None and headcount_total < attributed:
        raise ValidationError({"headcount_total": _(
            "Az összlétszám nem lehet kevesebb a szervezetenkénti létszámok összegénél "
            "(%(n)s fő).") % {"n": attributed}})
    if max(attributed, headcount_total or 0) > MAX_HEADCOUNT:
        raise ValidationError({"headcount_total": _("Legfeljebb %(n)s fő rögzíthető.")
                               % {"n": MAX_HEADCOUNT}})
    # Erased people's anonymous presence stays; everything else recorded is replaced.
    meeting.attendances.filter(Q(person__isnull=False) | ~Q(name="") | Q(counted=True)).delete()
    rows = [Attendance(meeting=meeting, person=person, organisation=organisation)
            for person, organisation in {p.pk: (p, o) for p, o in people}.values()]
    rows += [Attendance(meeting=meeting, name=name, organisation=org) for name, org in named]
    rows += [Attendance(meeting=meeting, organisation=org, counted=True)
             for org, n in headcounts.items() for _i in range(n)]
    rows += [Attendance(meeting=meeting, counted=True)
             for _i in range((headcount_total or attributed) - attributed)]
    Attendance.objects.bulk_create(rows)
    meeting.guests = guests
    if scan:
        meeting.attendance_scan = scan
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    set_history_user(meeting, user)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_record_held(*, forum: Forum, user: User | None = None,
                        people: Sequence[tuple[Person, Organisation | None]] = (),
                        named: Sequence[tuple[str, Organisation | None]] = (),
                        headcounts: dict[Organisation, int] | None = None,
                        headcount_total: int | None = None, guests: int = 0,
                        scan: Any = None, **data: Unpack[MeetingFields]) -> Meeting:
    """A session already held, recorded at once with its attendance (a coordinator who
    starts using the platform mid-project). Its history keeps who recorded it and when."""
    starts_at = data.get("starts_at")
    if starts_at and starts_at > timezone.now():
        raise ValidationError({"starts_at": _(
            "Megtartott ülésként csak már elkezdődött ülést lehet rögzíteni; a jövőbeli "
            "ülést az „Új ülés” gombbal vegye fel.")})
    if not (people or any(name.strip() for name, _o in named) or any((headcounts or {}).values())
            or headcount_total):
        raise ValidationError({"headcount_total": _(
            "Adja meg a jelenlévőket: névvel, szervezetenkénti létszámmal vagy "
            "összlétszámmal.")})
    meeting = meeting_schedule(forum=forum, user=user, **data)
    return attendance_record(meeting=meeting, people=people, named=named,
                             headcounts=headcounts, headcount_total=headcount_total,
                             guests=guests, scan=scan, user=user)


@dataclass(frozen=True)
class Quorum:
    rule: str
    members: int  # voting member organisations on the day
    present: int  # of them, present
    required: int
    # False when only a total headcount was recorded: which organisations came is unknown.
    known: bool = True

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.required


def present_voters(meeting: Meeting) -> int:
    """How many present people may vote: those of voting member organisations, and heads
    counted without an organisation (a paper sheet's total: who they were is unknown)."""
    voting = voting_organisations(meeting)
    return meeting.attendances.filter(
        Q(organisation_id__in=voting) | Q(organisation__isnull=True, counted=True)).count()


def _check_votes(meeting: Meeting, votes: list[int | None]) -> None:
    total = sum(v or 0 for v in votes)
    if not total:
        return
    limit = present_voters(meeting)
    if total > limit:
        raise ValidationError({"votes_for": _(
            "Az igen, nem és tartózkodó szavazatok összege (%(total)s) nem lehet több a jelen "
            "lévő szavazati jogú résztvevők számánál (%(limit)s).")
            % {"total": total, "limit": limit}})


def voting_organisations(meeting: Meeting) -> set[int]:
    """Member organisations with a vote on the meeting's day (chair and members)."""
    return set(
        Membership.objects.on(meeting.date)
        .filter(forum_id=meeting.forum_id, role__in=(MembershipRole.CHAIR, MembershipRole.MEMBER))
        .values_list("organisation_id", flat=True)
    )


def quorum(meeting: Meeting) -> Quorum:
    rule = QuorumRule.objects.filter(forum_id=meeting.forum_id).first() or QuorumRule()
    voting = voting_organisations(meeting)
    recorded = set(meeting.attendances.values_list("organisation_id", "counted"))
    present = len(voting & {org for org, _counted in recorded})
    total = len(voting)
    if rule.kind == QuorumKind.TWO_THIRDS:
        required = -(-2 * total // 3)
    elif rule.kind == QuorumKind.COUNT:
        required = rule.minimum or 1
    else:
        required = total // 2 + 1
    known = not (present == 0 and (None, True) in recorded)
    return Quorum(rule=str(rule.get_kind_display()), members=total, present=present,
                  required=required, known=known)


@transaction.atomic
def quorum_rule_set(*, forum: Forum, kind: str, minimum: int | None = None) -> QuorumRule:
    rule = QuorumRule.objects.filter(forum=forum).first() or QuorumRule(forum=forum)
    rule.kind, rule.minimum = kind, (minimum if kind == QuorumKind.COUNT else None)
    rule.full_clean()
    rule.save()
    return rule


# --- minutes -----------------------------------------------------------------------------


_HTML_TAG = re.compile(r"<(p|br|h[1-6]|ul|ol|li|table|blockquote|strong|em|b|i|u|a|hr|div)"
                       r"\b[^>]*>", re.IGNORECASE)


def is_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text or ""))


def minutes_text(body: str) -> str:
    """What is stored of a minutes body: plain text as typed (paragraphs and line breaks
    kept; escaped when shown), or formatted text (HTML, e.g. pasted) sanitised with nh3."""
    body = (body or "").replace("\r\n", "\n").strip()
    return sanitize(body) if is_html(body) else body


def _minutes(meeting: Meeting) -> Minutes:
    return Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)


@transaction.atomic
def minutes_save(*, meeting: Meeting, body: str, kind: str, recorder: str = "",
                 user: User | None = None) -> Minutes:
    minutes = _minutes(meeting)
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("Az elfogadott emlékeztető már nem módosítható."))
    minutes.body, minutes.kind, minutes.recorder = minutes_text(body), kind, recorder
    minutes.full_clean()
    set_history_user(minutes, user)
    minutes.save()
    return minutes


@transaction.atomic
def minutes_send(*, meeting: Meeting, comments_until: datetime.date | None = None,
                 user: User | None = None) -> int:
    """Send the draft to the members for comments; returns the number of e-mails."""
    minutes = _minutes(meeting)
    if not minutes.pk or not minutes.body:
        raise ValidationError(_("Előbb írja meg az emlékeztetőt."))
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("Az emlékeztetőt már elfogadták."))
    minutes.status, minutes.sent_at = MinutesStatus.CONSULTATION, timezone.now()
    minutes.comments_until = comments_until
    set_history_user(minutes, user)
    minutes.save()
    recipients = sorted({p.email for m in invited_memberships(meeting)
                         for p in m.representatives.all() if p.email})
    url = absolute(reverse("meetings:minutes", args=[meeting.forum.slug, meeting.pk]))
    for email in recipients:
        with translation.override("hu"):
            subject = _("Véleményezésre: %(title)s emlékeztetője") % {"title": meeting.title}
        send_templated(to=[email], subject=subject, template="meetings/email/minutes.txt",
                       context={"meeting": meeting, "minutes": minutes, "url": url},
                       forum=meeting.forum)
    return len(recipients)


@transaction.atomic
def minutes_comment_add(*, meeting: Meeting, user: User, text: str) -> MinutesComment:
    """A remark on minutes while they are out for comments."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or minutes.status != MinutesStatus.CONSULTATION:
        raise ValidationError(_("Észrevételt csak véleményezésre kiküldött emlékeztetőhöz "
                                "lehet írni."))
    comment = MinutesComment(minutes=minutes, author=user, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def minutes_approve(*, meeting: Meeting, on: datetime.date, user: User | None = None,
                    before_deadline_confirmed: bool = False) -> Minutes:
    """Mark the minutes approved. While the members may still comment (the deadline has not
    passed), only with an explicit confirmation that it has not."""
    minutes = _minutes(meeting)
    if not minutes.pk or not minutes.body:
        raise ValidationError(_("Előbb írja meg az emlékeztetőt."))
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("Az emlékeztetőt már elfogadták."))
    deadline = minutes.comments_until
    if (minutes.status == MinutesStatus.CONSULTATION and deadline
            and timezone.localdate() <= deadline and not before_deadline_confirmed):
        raise ValidationError({"before_deadline_confirmed": _(
            "A véleményezési határidő (%(day)s) még nem járt le. Ha mégis most fogadják el, "
            "jelölje be, hogy tudomásul veszi.") % {"day": hungarian.date_long(deadline)}})
    minutes.status, minutes.approved_on = MinutesStatus.APPROVED, on
    set_history_user(minutes, user)
    minutes.save()
    return minutes


# --- decisions ---------------------------------------------------------------------------


def next_decision_number(forum: Forum, year: int) -> int:
    last = Decision.objects.filter(forum=forum, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def decision_record(*, meeting: Meeting, text: str, number: int | None = None,
                    votes_for: int | None = None, votes_against: int | None = None,
                    votes_abstain: int | None = None,
                    responsible_organisation: Organisation | None = None,
                    deadline: datetime.date | None = None, user: User | None = None
                    ) -> Decision:
    """A numbered decision of a held meeting; flagged when the meeting had no quorum."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Határozatot megtartott ülésről lehet rögzíteni; előbb "
                                "rögzítse a jelenlétet."))
    if responsible_organisation and responsible_organisation.forum_id != meeting.forum.root.pk:
        raise ValidationError({"responsible_organisation": _("A szervezet nem ennek a "
                                                             "fórumnak a címtárában van.")})
    year = meeting.date.year
    if not number:
        _lock_numbering(meeting.forum)
    _check_votes(meeting, [votes_for, votes_against, votes_abstain])
    decision = Decision(
        forum=meeting.forum, meeting=meeting, year=year,
        number=number or next_decision_number(meeting.forum, year), text=text,
        votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain,
        responsible_organisation=responsible_organisation, deadline=deadline,
        without_quorum=not quorum(meeting).reached,
    )
    decision.full_clean()
    set_history_user(decision, user)
    decision.save()
    return decision


@transaction.atomic
def decision_update(
    *, decision: Decision, user: User | None = None, **data: Unpack[DecisionFields],
) -> Decision:
    allowed = set(field_names(DecisionFields))
    if set(data) - allowed:
        raise TypeError(f"unknown decision fields: {sorted(set(data) - allowed)}")
    for name, value in data.items():
        setattr(decision, name, value)
    if {"votes_for", "votes_against", "votes_abstain"} & set(data):
        _check_votes(decision.meeting, [decision.votes_for, decision.votes_against,
                                        decision.votes_abstain])
    decision.full_clean()
    set_history_user(decision, user)
    decision.save(update_fields=list(data))
    return decision


@transaction.atomic
def decision_follow_up(*, decision: Decision, day: datetime.date, text: str, status: str,
                       user: User | None = None) -> DecisionNote:
    note = DecisionNote(decision=decision, day=day, text=text, status=status, author=user)
    note.full_clean()
    note.save()
    if decision.status != status:
        decision.status = status
        set_history_user(decision, user)
        decision.save(update_fields=["status"])
    return note


OPEN_DECISION_STATUSES = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)


# --- calendar ----------------------------------------------------------------------------


@transaction.atomic
def calendar_token_issue(*, user: User) -> CalendarToken:
    """A new secret feed URL; the earlier one stops working."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    CalendarToken.objects.filter(user=user).delete()
