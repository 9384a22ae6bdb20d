"""The second factor: TOTP authenticator apps (django-otp) and one-time recovery codes."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user) -> TOTPDevice:
    """The user's unconfirmed authenticator, made on the first visit of the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_for_humans(device: TOTPDevice) -> str:
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code (no script, no style)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; returns new recovery codes."""
    if not device.verify_token(_clean(token)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(device.user, notify=False)
    _notify(device.user, "enrolled")
    return codes


def _notify(user, what: str) -> None:
    """Tell the account's owner, so that someone who learnt the password and set up their
    own authenticator does not go unnoticed."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    from kerekasztal.core.mail.services import send_templated

    send_templated(
        to=[user.email], subject=str(_("Kerekasztal: a belépés második lépése megváltozott")),
        template="core/email/second_factor_changed.txt",
        context={"name": user.get_full_name(), "what": what, "site_url": settings.SITE_URL},
    )


@transaction.atomic
def new_recovery_codes(user, *, notify: bool = True) -> list[str]:
    """Replace the user's recovery codes; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    if notify:
        _notify(user, "recovery_codes")
    return codes


def verify(user, token: str):
    """The device that accepts the code (an authenticator or a recovery code), or None.
    django-otp throttles repeated failures per device."""
    return match_token(user, _clean(token))


def _clean(token: str) -> str:
    return "".join(token.split()).lower() if not token.strip().isdigit() else token.strip()
