from . import MISSING, Row, workspace


def _delivery(w):
    """An invitation e-mail of the forum's upcoming meeting (sent in the immediate mode)."""
    from kerekasztal.core.mail.services import send_templated
    from kerekasztal.meetings import services
    from tests.meetings.factories import future

    meeting = services.meeting_schedule(
        forum=w.forum, title="Ülés", starts_at=future(14), ends_at=future(14, 12),
        venue_settlement=w.forum.settlements().get(name="Kőszeg"))
    services.invitations_prepare(meeting=meeting)
    invitation = meeting.invitations.get(person=w.representative)
    [w.delivery] = send_templated(to=["member@example.org"], subject="Meghívó",
                                  template="core/email/invitation.txt", context={},
                                  about=invitation, forum=w.forum)
    w.bare_delivery = send_templated(to=["x@example.org"], subject="Más",
                                     template="core/email/invitation.txt", context={},
                                     forum=w.forum)[0]


ROWS = [
    Row("core:mail_resend", lambda w: {"forum": w.forum.slug, "pk": w.delivery.pk},
        workspace("coordinator"), method="POST", setup=_delivery),
    # another forum's address for the delivery: its coordinator does not find it
    Row("core:mail_resend", lambda w: {"forum": w.other_forum.slug, "pk": w.delivery.pk},
        {**workspace("outsider"), "outsider": MISSING}, method="POST", setup=_delivery),
    # an e-mail about no record shown on a page (e.g. a password link): nothing to resend
    Row("core:mail_resend", lambda w: {"forum": w.forum.slug, "pk": w.bare_delivery.pk},
        {**workspace("coordinator"), "coordinator": MISSING}, method="POST", setup=_delivery),
]
