"""Sending an e-mail again from the page that shows its status (core/mail/services.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerekasztal.core import access
from kerekasztal.core.mail.services import mail_resend

# Where the status of an e-mail about each kind of record is shown.
_PAGES = {
    "meetings.invitation": ("meetings:invitations", "meeting_id"),
    "events.registration": ("events:registration_list", "event_id"),
}


@require_POST
def mail_resend_view(request, forum, pk):
    forum = access.forum_for(request.user, forum, "mail.resend")
    delivery = access.mail_delivery_for(request.user, forum, pk)
    mail_resend(delivery=delivery)
    messages.success(request, _("Az e-mailt újra elküldjük (%(to)s).") % {"to": delivery.to})
    about = delivery.about_type
    url_name, parent = _PAGES[f"{about.app_label}.{about.model}"]
    record = about.get_object_for_this_type(pk=delivery.about_id)
    url = reverse(url_name, kwargs={"forum": forum.slug, "pk": getattr(record, parent)})
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)
