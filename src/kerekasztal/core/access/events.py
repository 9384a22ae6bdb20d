"""Access rules: Events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import get_object_or_404

from kerekasztal.core.access.roles import (
    ANY_ROLE,
    AUDITOR,
    COORDINATOR,
    MEMBER,
    SETTLEMENT_OFFICER,
    Role,
    _scoped_get,
    roles_in,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_EVENTS: dict[str, frozenset[Role]] = {
    # the workspace calendar, members-only events, reports and photos
    "events.view": ANY_ROLE,
    "events.manage": frozenset({COORDINATOR}),
    # participants' personal data: registrations, check-in, certificates
    "events.participants.view": frozenset({COORDINATOR, AUDITOR}),
    # linking a report to the plan problems raised at the event (core/records/links.py)
    "events.link": frozenset({COORDINATOR}),
    # registering oneself (name and e-mail of one's account) for an event of the forum, e.g.
    # a members-only training; auditors check the events, they do not attend them
    "events.register_self": frozenset({COORDINATOR, MEMBER, SETTLEMENT_OFFICER}),
    # a member organisation's representative registers colleagues of their own organisation,
    # sees and cancels them (never another organisation's people); coordinators add anyone
    # through "events.manage"
    "events.register_colleagues": frozenset({MEMBER}),
}


def event_for(user: Viewer, forum: Forum, pk: int, action: str):
    """An event of the forum, for a workspace action."""
    from kerekasztal.events.models import Event

    return _scoped_get(Event.objects.select_related("forum", "organiser", "series"), user, forum,
                       action, pk=pk, forum=forum)


def event_public(forum: Forum, pk: int):
    """A public, published (or held) event of the forum; 404 for anything else."""
    from kerekasztal.events.models import Event

    return get_object_or_404(Event.objects.public().select_related("forum", "organiser"), pk=pk,
                             forum=forum)


def event_registration_for(user: Viewer, event, pk: int, action: str):
    from kerekasztal.events.models import Registration

    return _scoped_get(Registration, user, event.forum, action, pk=pk, event=event)


def event_photo_for(user: Viewer, event, pk: int, action: str):
    from kerekasztal.events.models import Photo

    return _scoped_get(Photo, user, event.forum, action, pk=pk, event=event)


def event_photo_public(forum: Forum, pk: int):
    """A photo the public may see: consent given, the event public and published or held."""
    from kerekasztal.events.models import EventStatus, Photo

    return get_object_or_404(Photo.objects.select_related("event"), pk=pk, event__forum=forum,
                             consent=True, event__is_public=True, event__published_at__isnull=False,
                             event__status__in=[EventStatus.PUBLISHED, EventStatus.HELD])


def own_certificate_for(user: Viewer, forum: Forum, pk: int):
    """The viewer's own certificate of a training of the forum: a participant who attended
    and completed it downloads their own certificate (matched by their account's e-mail
    address); 404 when they have none."""
    from kerekasztal.events.models import Registration, RegistrationStatus

    event = event_for(user, forum, pk, "events.register_self")
    if not user.is_authenticated or not user.email:
        raise Http404
    registration = (Registration.objects.filter(
        event=event, email__iexact=user.email, status=RegistrationStatus.CONFIRMED,
        attended=True, completed=True).exclude(certificate_number="").first())
    if registration is None:
        raise Http404
    return registration


def represented_organisations(user: Viewer, forum: Forum):
    """The organisations the user represents in the forum today (whose colleagues they may
    register for its events); empty for anyone else."""
    from kerekasztal.directory.models import Organisation

    return Organisation.objects.filter(pk__in=roles_in(user, forum).organisation_ids)


def colleague_registration_for(user: Viewer, event, pk: int):
    """A registration of a colleague, for the representative of the colleague's
    organisation; 404 for another organisation's people (and for anyone's own)."""
    from kerekasztal.events.models import Registration

    registration = _scoped_get(Registration, user, event.forum, "events.register_colleagues",
                               pk=pk, event=event)
    if registration.organisation_id not in roles_in(user, event.forum).organisation_ids:
        raise Http404
    return registration
