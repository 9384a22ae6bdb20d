"""Mail never lost: every e-mail is a stored delivery sent by the task queue, retried with
growing pauses while the mail server is down, failed for good with its reason."""

import asyncio
import contextlib
import datetime
import io
import signal
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kerekasztal.core.mail.services import deliver_mail, mail_resend, send_templated
from kerekasztal.core.models import MailDelivery, MailStatus
from kerekasztal.meetings import services as meetings
from tests.meetings.factories import future

INVITEES = 6


class Recorder:
    """An SMTP server's handler that keeps what it received (or refuses every recipient)."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.messages: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Real SMTP to a local port where nothing listens yet (the server is down); call
    `smtp.start()` to bring it up."""
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    class Server:
        handler = Recorder()
        controller: Controller | None = None

        def start(self, refuse: bool = False) -> None:
            self.handler.refuse = refuse
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=port)
            self.controller.start()

    server = Server()
    yield server
    if server.controller is not None:
        server.controller.stop()
    asyncio.set_event_loop(None)


def run_worker() -> None:
    """What an operator's cron does: `kerekasztal db_worker --batch` (the test process's
    signal handlers are put back afterwards)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _an_hour_later() -> None:
    """The clock moves on: every retry scheduled within the next hour is due now."""
    due = timezone.now() + datetime.timedelta(hours=1)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__lte=due).update(
        run_after=timezone.now())


def _meeting_with_invitees(world):
    meeting = meetings.meeting_schedule(
        forum=world.forum, number=7, title="Kimaradt meghívók", starts_at=future(10),
        ends_at=future(10, 12), venue_settlement=world.forum.settlements().first(),
    )
    for n in range(INVITEES - 1):
        meetings.invitation_add_extra(meeting=meeting, name=f"Vendég {n}",
                                      email=f"vendeg{n}@example.org")
    return meeting


@pytest.mark.django_db(transaction=True)
def test_an_smtp_outage_during_the_send_loses_no_invitation(world, task_queue, smtp, client):
    meeting = _meeting_with_invitees(world)
    client.force_login(world.coordinator)
    url = reverse("meetings:invitations_send", args=[world.forum.slug, meeting.pk])

    response = client.post(url)  # the mail server is down: the request does not notice

    assert response.status_code == 302
    deliveries = MailDelivery.objects.filter(forum=world.forum)
    assert deliveries.count() == INVITEES
    assert set(deliveries.values_list("status", flat=True)) == {MailStatus.QUEUED}
    run_worker()  # every attempt is refused
    assert set(deliveries.values_list("status", flat=True)) == {MailStatus.QUEUED}
    assert set(deliveries.values_list("attempts", flat=True)) == {1}
    assert all("Connection" in d.last_error or "refused" in d.last_error.lower()
               for d in deliveries)
    run_worker()  # too early for the retries: nothing happens
    assert set(deliveries.values_list("attempts", flat=True)) == {1}

    smtp.start()  # the server is back
    _an_hour_later()
    run_worker()

    assert set(deliveries.values_list("status", flat=True)) == {MailStatus.SENT}
    received = sorted(rcpt for envelope in smtp.handler.messages for rcpt in envelope.rcpt_tos)
    assert received == sorted(deliveries.values_list("to", flat=True))
    assert len(received) == INVITEES


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_killed_worker_is_run_again(world, task_queue):
    send_templated(to=["vilma@example.org"], subject="Teszt", template="core/email/invitation.txt",
                   context={"forum_name": "Kőszeg", "url": "http://x/"}, forum=world.forum)
    task = DBTaskResult.objects.get()
    task.claim("killed-worker")  # what a worker does before running it; then it was killed

    run_worker()  # started just now: not abandoned yet, nobody touches it
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING
    DBTaskResult.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=11))
    run_worker()

    assert MailDelivery.objects.get().status == MailStatus.SENT
    assert [m.to for m in mail.outbox] == [["vilma@example.org"]]
    assert DBTaskResult.objects.get().worker_ids[0] == "killed-worker"


@pytest.fixture
def queued(world, task_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = send_templated(to=["vilma@example.org"], subject="Teszt",
                                    template="core/email/invitation.txt",
                                    context={"forum_name": "Kőszeg", "url": "http://x/"},
                                    forum=world.forum)
    return delivery


def test_a_delivery_that_keeps_failing_ends_as_failed_with_its_reason(queued, smtp, settings):
    delays = settings.MAIL_RETRY_MINUTES
    assert sum(delays) > 60, "an outage of an hour must not exhaust the retries"
    assert sum(delays[:6]) >= 60
    for _attempt in range(len(delays)):
        assert deliver_mail.call(queued.pk) == MailStatus.QUEUED
    assert deliver_mail.call(queued.pk) == MailStatus.FAILED

    queued.refresh_from_db()
    assert queued.status == MailStatus.FAILED and queued.attempts == len(delays) + 1
    assert "ConnectionRefusedError" in queued.last_error
    assert deliver_mail.call(queued.pk) == "skipped"  # never retried forever


def test_the_retries_wait_longer_and_longer(queued, smtp, django_capture_on_commit_callbacks):
    waits = []
    for _attempt in range(4):
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            deliver_mail.call(queued.pk)
        queued.refresh_from_db()
        waits.append(round((queued.next_attempt_at - before).total_seconds() / 60))
    assert waits == [1, 2, 5, 10]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1 + 4


def test_a_refused_recipient_fails_at_once(queued, smtp):
    smtp.start(refuse=True)
    assert deliver_mail.call(queued.pk) == MailStatus.FAILED
    queued.refresh_from_db()
    assert queued.attempts == 1 and "550" in queued.last_error


def test_two_workers_never_send_one_message_twice(queued):
    MailDelivery.objects.filter(pk=queued.pk).update(
        claimed_until=timezone.now() + datetime.timedelta(minutes=1))
    assert deliver_mail.call(queued.pk) == "skipped"
    assert mail.outbox == []


def test_a_rolled_back_write_queues_no_mail(world):
    with contextlib.suppress(RuntimeError), transaction.atomic():
        send_templated(to=["vilma@example.org"], subject="Teszt",
                       template="core/email/invitation.txt",
                       context={"forum_name": "Kőszeg", "url": "http://x/"})
        raise RuntimeError
    assert not MailDelivery.objects.exists()


def test_resending_queues_a_copy(queued):
    copy = mail_resend(delivery=queued)
    assert copy.pk != queued.pk and copy.status == MailStatus.QUEUED
    assert (copy.to, copy.subject, copy.body) == (queued.to, queued.subject, queued.body)


def test_the_password_reset_link_goes_through_the_queue(world, task_queue, client,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:password_reset"),
                               {"email": world.coordinator.email})
    assert response.status_code == 302
    delivery = MailDelivery.objects.get()
    assert delivery.to == world.coordinator.email and "/accounts/reset/" in delivery.body
    assert mail.outbox == []  # waits for the worker
    deliver_mail.call(delivery.pk)
    assert len(mail.outbox) == 1


def test_immediate_backend_still_sends_after_the_commit(world,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated(to=["vilma@example.org"], subject="Teszt",
                       template="core/email/invitation.txt",
                       context={"forum_name": "Kőszeg", "url": "http://x/"})
    assert MailDelivery.objects.get().status == MailStatus.SENT
    assert len(mail.outbox) == 1


def test_old_deliveries_are_deleted_by_the_retention_rule(queued, settings):
    import datetime as dt

    from kerekasztal.core.privacy.services import mail_erase_past_retention

    deliver_mail.call(queued.pk)
    today = timezone.localdate()
    assert mail_erase_past_retention(today=today) == 0
    later = today + dt.timedelta(days=settings.MAIL_RETENTION_DAYS + 1)
    assert mail_erase_past_retention(today=later, dry_run=True) == 1
    assert MailDelivery.objects.exists()
    call_command("enforce_retention", "--today", later.isoformat(), stdout=io.StringIO())
    assert not MailDelivery.objects.exists()
