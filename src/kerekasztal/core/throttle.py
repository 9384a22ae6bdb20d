"""Limits on what anyone may send without logging in (django-ratelimit, counted in the
shared cache): public forms per client address and per e-mail address, the JSON API per
token and per client address. Rates such as "10/h" come from the environment (README);
an empty rate turns a limit off."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from ninja.throttling import SimpleRateThrottle

TOO_MANY = _("Ebből a címről vagy erre az e-mail-címre most túl sok kérés érkezett. "
             "Kérjük, próbálja újra egy óra múlva, vagy keresse a szervezőket.")


def form_throttled(request, *, group: str, email: str = "") -> bool:
    """Count this submission of a public form (`group`) for the client address and the
    e-mail address; True when either has gone over its limit."""
    over = False
    if settings.PUBLIC_FORM_RATE:
        over = is_ratelimited(request, group=group, key="ip", rate=settings.PUBLIC_FORM_RATE,
                              increment=True)
    if email and settings.PUBLIC_FORM_EMAIL_RATE:
        folded = email.strip().lower()
        over = is_ratelimited(request, group=f"{group}:email", key=lambda _g, _r: folded,
                              rate=settings.PUBLIC_FORM_EMAIL_RATE, increment=True) or over
    return over


class _SettingsRateThrottle(SimpleRateThrottle):
    """django-ninja's cache throttle with its rate read from the settings at each request."""

    setting = ""

    def __init__(self) -> None:  # the rate is read when it is needed, not at start-up
        pass

    @property
    def rate(self):  # type: ignore[override]
        return getattr(settings, self.setting) or None

    def allow_request(self, request) -> bool:
        """Like ninja's, but keeping nothing on the instance, which every thread shares."""
        if not self.rate:
            return True
        key = self.get_cache_key(request)
        if key is None:
            return True
        count, duration = self.parse_rate(self.rate)
        now = self.timer()
        history = [at for at in self.cache.get(key, []) if at > now - duration]
        if len(history) >= count:
            return False
        self.cache.set(key, [now, *history], duration)
        return True

    def wait(self) -> None:
        return None


class TokenThrottle(_SettingsRateThrottle):
    """Requests with an API token, per token (API_TOKEN_RATE)."""

    scope, setting = "api-token", "API_TOKEN_RATE"

    def get_cache_key(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        ident = hashlib.sha256(token.strip().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousThrottle(_SettingsRateThrottle):
    """Requests without a token, per client address (API_ANONYMOUS_RATE)."""

    scope, setting = "api-anonymous", "API_ANONYMOUS_RATE"

    def get_cache_key(self, request):
        if request.headers.get("Authorization"):
            return None
        from axes.helpers import get_client_ip_address

        ident = get_client_ip_address(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
