"""Sending e-mail from templates, after the transaction commits."""

from collections.abc import Sequence

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_templated(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: dict,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    language: str = "hu",
    reply_to: Sequence[str] = (),
) -> None:
    """Render `template` (a .txt template) and send it once the current transaction commits,
    so that a rolled-back write never sends mail."""
    with translation.override(language):
        body = render_to_string(template, context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=list(to),
                                     reply_to=list(reply_to))
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    transaction.on_commit(message.send)
