"""Accounts: inviting people to log in."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kerekasztal.core.mail.services import send_templated
from kerekasztal.core.models import User


def password_set_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("core:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def user_invite(*, email: str, full_name: str, invited_by: User, forum_name: str) -> User:
    """The user with this e-mail, created if needed; a new user gets a link to set a password."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(email=email, password=None, full_name=full_name)
    context = {
        "user": user, "invited_by": invited_by, "forum_name": forum_name,
        "url": password_set_url(user), "site_url": settings.SITE_URL,
    }
    send_templated(to=[user.email], template="core/email/invitation.txt", context=context,
                   subject=_("Meghívó a Kerekasztal felületére – %s") % forum_name,
                   language=translation.get_language() or "hu")
    return user
