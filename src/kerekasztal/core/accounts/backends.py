import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out for every login through a web request. Scripts and tests that
    authenticate without a request go on to the next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials) -> str | None:
    """The key django-axes counts failures under: the e-mail address as typed, folded, so
    that 'Kata@Example.org' and 'kata@example.org' share one counter."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return value.strip().lower() if value else None


def client_ip(request) -> str | None:
    """The address a request came from, for the lock-out's per-address counter.

    With no proxy (TRUSTED_PROXY_COUNT=0) it is REMOTE_ADDR and X-Forwarded-For is ignored.
    Behind N proxies that each append the address they were reached from, the client is the
    N-th address from the right of [X-Forwarded-For..., REMOTE_ADDR] minus the proxy
    itself: entries further left were written by the client and are not believed. A
    malformed entry counts as the nearest proxy's address, never as "no address".
    (django-ipware's proxy count means proxies listed in the header, which a single nginx
    in front does not fit: it either trusts a forged header or answers no address.)
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if part.strip()]
    if not forwarded:
        return remote
    candidate = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
