"""E-mail through the task queue: no message is lost when the mail server is down.

`send_templated` renders the message and stores one `MailDelivery` per recipient in the
current transaction (a rolled-back write sends nothing), and a task (`deliver_mail`) sends it
once the transaction commits. A failure is retried later, with growing pauses
(MAIL_RETRY_MINUTES: 1, 2, 5, 10, 20, 30, 60, 60, 120, 240 minutes, about nine hours in
all); a permanent refusal (5xx) or the last retry ends the delivery as failed, with its
reason. The sender sees the status on the invitations and registrations pages and can
send again (`mail_resend`).
"""

from __future__ import annotations

import base64
import datetime
import logging
import smtplib
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from kerekasztal.core.models import MailDelivery, MailStatus
from kerekasztal.core.tasks import can_defer, enqueue_on_commit

logger = logging.getLogger(__name__)

# How long a worker holds a delivery while sending it; longer than any SMTP exchange
# (EMAIL_TIMEOUT), so that two workers never send the same message at once.
CLAIM = datetime.timedelta(minutes=5)


def send_templated(
    *,
    to: Sequence[str],
    subject: str,
    template: str,
    context: dict,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    language: str = "hu",
    reply_to: Sequence[str] = (),
    about: models.Model | None = None,
    forum: Any = None,
) -> list[MailDelivery]:
    """Render `template` (a .txt template) and queue it for each address of `to`; it is
    sent by the task queue once the current transaction commits. `about` is the record the
    message concerns (an invitation, a registration), whose page shows the status."""
    with translation.override(language):
        body = render_to_string(template, context)
    return [mail_queue(to=address, subject=str(subject), body=body, attachments=attachments,
                       reply_to=reply_to, about=about, forum=forum) for address in to]


def mail_queue(*, to: str, subject: str, body: str,
               attachments: Sequence[tuple[str, bytes, str]] = (),
               reply_to: Sequence[str] = (), about: models.Model | None = None,
               forum: Any = None) -> MailDelivery:
    """Store one message to one recipient and queue its sending after the commit."""
    delivery = MailDelivery(
        to=to, subject=subject[:998], body=body, reply_to=", ".join(reply_to),
        attachments=[{"name": name, "mimetype": mimetype,
                      "content": base64.b64encode(content).decode("ascii")}
                     for name, content, mimetype in attachments],
        forum_id=forum.pk if forum is not None else _forum_id(about),
    )
    if about is not None:
        delivery.about_type = ContentType.objects.get_for_model(about)
        delivery.about_id = about.pk
    # Addresses were validated by the forms and models they come from; no full_clean here,
    # so a batch of invitations costs one insert per recipient.
    delivery.save()
    enqueue_on_commit(deliver_mail, delivery.pk)
    return delivery


@transaction.atomic
def mail_resend(*, delivery: MailDelivery) -> MailDelivery:
    """Send a message again (after a failure, or when the recipient lost it): a new
    delivery with the same content, queued after the commit."""
    copy = MailDelivery(
        forum_id=delivery.forum_id, about_type_id=delivery.about_type_id,
        about_id=delivery.about_id, to=delivery.to, subject=delivery.subject,
        body=delivery.body, reply_to=delivery.reply_to, attachments=delivery.attachments,
    )
    copy.save()
    enqueue_on_commit(deliver_mail, copy.pk)
    return copy


def latest_deliveries(records: Iterable[models.Model]) -> dict[int, MailDelivery]:
    """The newest delivery about each record (by primary key), in one query."""
    records = list(records)
    if not records:
        return {}
    content_type = ContentType.objects.get_for_model(records[0])
    rows = (MailDelivery.objects
            .filter(about_type=content_type, about_id__in=[r.pk for r in records])
            .defer("body", "attachments").order_by("about_id", "-created_at", "-pk"))
    latest: dict[int, MailDelivery] = {}
    for row in rows:
        if row.about_id is not None:
            latest.setdefault(row.about_id, row)
    return latest


def _forum_id(record: models.Model | None) -> int | None:
    if record is None:
        return None
    if hasattr(record, "forum_id"):
        return record.forum_id
    path = getattr(type(record), "forum_path", None)
    if not path:
        return None
    target: Any = record
    for part in path.split("__")[:-1]:
        target = getattr(target, part)
    return target.forum_id


# --- the task ----------------------------------------------------------------------------


@task()
def deliver_mail(delivery_id: int) -> str:
    """Send one stored message; on failure schedule the next attempt or give up."""
    now = timezone.now()
    claimed = (MailDelivery.objects
               .filter(pk=delivery_id, status=MailStatus.QUEUED)
               .filter(models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now))
               .update(claimed_until=now + CLAIM))
    if not claimed:
        return "skipped"  # sent already, failed for good, or being sent by another worker
    delivery = MailDelivery.objects.get(pk=delivery_id)
    try:
        _message(delivery).send()
    except (smtplib.SMTPException, OSError) as exc:
        return _failed(delivery, exc, permanent=_is_permanent(exc))
    except Exception as exc:
        # A message that cannot be built or sent for any other reason will not succeed on
        # a retry either: it ends as failed with its reason instead of being lost.
        logger.exception("E-mail delivery %s failed", delivery_id)
        return _failed(delivery, exc, permanent=True)
    delivery.status, delivery.sent_at = MailStatus.SENT, timezone.now()
    delivery.attempts += 1
    delivery.last_error, delivery.claimed_until, delivery.next_attempt_at = "", None, None
    delivery.save(update_fields=["status", "sent_at", "attempts", "last_error",
                                 "claimed_until", "next_attempt_at"])
    return "sent"


def _message(delivery: MailDelivery) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=delivery.subject, body=delivery.body, to=[delivery.to],
        reply_to=[a.strip() for a in delivery.reply_to.split(",") if a.strip()],
    )
    for item in delivery.attachments:
        message.attach(item["name"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def _is_permanent(exc: BaseException) -> bool:
    """A 5xx answer (unknown mailbox, refused sender) will not change on a retry."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def _failed(delivery: MailDelivery, exc: BaseException, *, permanent: bool) -> str:
    delivery.attempts += 1
    delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    delivery.claimed_until = None
    delays = settings.MAIL_RETRY_MINUTES
    if permanent or delivery.attempts > len(delays):
        delivery.status, delivery.next_attempt_at = MailStatus.FAILED, None
        logger.warning("E-mail delivery %s failed for good: %s", delivery.pk,
                       delivery.last_error)
    else:
        delivery.next_attempt_at = timezone.now() + datetime.timedelta(
            minutes=delays[delivery.attempts - 1])
    delivery.save(update_fields=["attempts", "last_error", "claimed_until", "status",
                                 "next_attempt_at"])
    if delivery.status == MailStatus.QUEUED and can_defer():
        enqueue_on_commit(deliver_mail, delivery.pk, run_after=delivery.next_attempt_at)
    return delivery.status
