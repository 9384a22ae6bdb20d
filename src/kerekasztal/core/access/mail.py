"""Access rules: the e-mail deliveries of a forum (core/mail/services.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from kerekasztal.core.access.roles import COORDINATOR, Role, require

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import MailDelivery, User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_MAIL: dict[str, frozenset[Role]] = {
    "mail.resend": frozenset({COORDINATOR}),
}

# Who may send again an e-mail about a record: whoever manages that kind of record.
_RESEND_ACTIONS = {
    "meetings.invitation": "meetings.manage",
    "events.registration": "events.manage",
}


def mail_delivery_for(user: Viewer, forum: Forum, pk: int) -> MailDelivery:
    """A delivery of the forum about a record the user manages (404 / 403 otherwise)."""
    from kerekasztal.core.models import MailDelivery

    require(user, "mail.resend", forum)
    delivery = (MailDelivery.objects.select_related("about_type")
                .filter(pk=pk, forum=forum, about_type__isnull=False).first())
    if delivery is None:
        raise Http404
    about = delivery.about_type
    action = _RESEND_ACTIONS.get(f"{about.app_label}.{about.model}") if about else None
    if action is None:
        raise Http404
    require(user, action, forum)
    return delivery
