"""The status of e-mails about records (core/mail/services.py) on the pages that list them."""

from django import template

from kerekasztal.core.mail.services import latest_deliveries

register = template.Library()


@register.simple_tag
def mail_deliveries(records):
    """{% mail_deliveries invitations as deliveries %}: the newest delivery per record, in
    one query."""
    return latest_deliveries(records)


@register.inclusion_tag("components/mail_status.html", takes_context=True)
def mail_status(context, deliveries, record, can_resend=False):
    """{% mail_status deliveries invitation can_resend %}: status, reason, resend button."""
    return {
        "delivery": deliveries.get(record.pk) if deliveries else None,
        "forum": context.get("forum"), "can_resend": can_resend,
        "csrf_token": context.get("csrf_token"),
        # on a paginated list, the resend comes back to the same page
        "page_number": getattr(context.get("page"), "number", None),
    }
