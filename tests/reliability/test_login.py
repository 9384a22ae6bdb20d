"""Login protection: lock-out, second factor for coordinators and operators, quiet password
reset, session expiry."""

import re
import time

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kerekasztal.core.accounts import twofactor
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _password(client, user, password=PASSWORD, next_url=""):
    return client.post(LOGIN + (f"?next={next_url}" if next_url else ""),
                       {"username": user.email, "password": password})


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)


def _enrolled(user) -> TOTPDevice:
    device = twofactor.enrolment_device(user)
    device.confirmed = True
    device.save()
    return device


def _logged_in(client) -> bool:
    return client.get("/accounts/").status_code == 200


def test_member_logs_in_with_the_password_alone(client, world):
    response = _password(client, world.member)
    assert response.status_code == 302 and response["Location"] == "/"
    assert _logged_in(client)


def test_coordinator_enrols_an_authenticator_before_being_logged_in(
        client, world, django_capture_on_commit_callbacks):
    response = _password(client, world.coordinator, next_url="/accounts/")
    assert response["Location"] == "/accounts/login/enrol/"
    assert not _logged_in(client)
    page = client.get("/accounts/login/enrol/").content.decode()
    assert "<svg" in page and 'id="otp-secret"' in page
    assert "<script" not in page.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)
    secret = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") in twofactor.secret_for_humans(device).replace(" ", "")

    wrong = client.post("/accounts/login/enrol/", {"token": "000000" if _code(device) != "000000"
                                                   else "111111"})
    assert 'id="id_token_error"' in wrong.content.decode()
    assert not _logged_in(client)
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/login/enrol/", {"token": _code(device)})
    assert response["Location"] == "/accounts/recovery-codes/"
    codes_page = client.get("/accounts/recovery-codes/").content.decode()
    assert codes_page.count("<code>") == twofactor.RECOVERY_CODES
    assert 'href="/accounts/"' in codes_page
    assert _logged_in(client)
    device.refresh_from_db()
    assert device.confirmed
    # the owner hears of it, in case it was not them
    assert [m.to for m in mail.outbox] == [[world.coordinator.email]]
    assert "új hitelesítő alkalmazást" in mail.outbox[0].body
    assert "/accounts/password-reset/" in mail.outbox[0].body
    # shown once only
    assert client.get("/accounts/recovery-codes/")["Location"] == "/accounts/"


def test_operator_needs_the_second_factor_too(client, world):
    assert _password(client, world.operator)["Location"] == "/accounts/login/enrol/"
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/")["Location"].startswith("/accounts/login/")


def test_enrolled_coordinator_logs_in_with_a_code(client, world):
    device = _enrolled(world.coordinator)
    assert _password(client, world.coordinator)["Location"] == "/accounts/login/verify/"
    assert not _logged_in(client)
    response = client.post("/accounts/login/verify/", {"token": _code(device)})
    assert response.status_code == 302
    assert _logged_in(client)
    html = client.get("/accounts/").content.decode()
    assert "Új helyreállító kódok készítése" in html


def test_a_recovery_code_works_once(client, world):
    _enrolled(world.coordinator)
    code = twofactor.new_recovery_codes(world.coordinator)[0]
    _password(client, world.coordinator)
    assert client.post("/accounts/login/verify/", {"token": code.upper()}).status_code == 302
    assert _logged_in(client)
    client.post("/accounts/logout/")
    _password(client, world.coordinator)
    response = client.post("/accounts/login/verify/", {"token": code})
    assert 'id="id_token_error"' in response.content.decode()
    assert not StaticToken.objects.filter(token=code).exists()


def test_repeated_wrong_codes_are_throttled(client, world):
    device = _enrolled(world.coordinator)
    _password(client, world.coordinator)
    for _ in range(3):
        client.post("/accounts/login/verify/", {"token": "12345x"})
    response = client.post("/accounts/login/verify/", {"token": _code(device)})
    assert 'id="id_token_error"' in response.content.decode()
    assert not _logged_in(client)


def test_the_code_step_expires(client, world):
    device = _enrolled(world.coordinator)
    _password(client, world.coordinator)
    session = client.session
    session["_pending_login"]["since"] -= 11 * 60
    session.save()
    response = client.post("/accounts/login/verify/", {"token": _code(device)})
    assert response["Location"] == LOGIN
    assert not _logged_in(client)


def test_next_may_not_lead_to_another_site(client, world):
    device = _enrolled(world.coordinator)
    _password(client, world.coordinator, next_url="https://evil.example/")
    response = client.post("/accounts/login/verify/", {"token": _code(device)})
    assert response["Location"] == "/"


def test_repeated_failures_lock_the_account_out(client, world):
    for _ in range(4):
        response = _password(client, world.member, password="rossz-jelszo-123")
        assert response.status_code == 200
    assert _password(client, world.member, password="rossz-jelszo-123").status_code == 429
    member = type("U", (), {"email": world.member.email.upper()})
    locked = _password(client, member)  # even the right password, in other letters
    assert locked.status_code == 429
    assert "zárolva" in locked.content.decode()
    assert not _logged_in(client)
    # another account from another address is not affected; from this address it is
    other = client.post(LOGIN, {"username": world.auditor.email, "password": PASSWORD},
                        REMOTE_ADDR="10.1.2.3")
    assert other["Location"] == "/"
    client.post("/accounts/logout/")
    assert _password(client, world.auditor).status_code == 429


def test_password_reset_does_not_reveal_whether_the_account_exists(
        client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the mail is sent after commit
        known = client.post("/accounts/password-reset/", {"email": world.member.email})
        unknown = client.post("/accounts/password-reset/", {"email": "senki@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    def page(url):
        html = client.get(url).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(known["Location"]) == page(unknown["Location"])
    assert [m.to for m in mail.outbox] == [[world.member.email]]


def test_an_idle_session_expires(client, world, settings):
    client.force_login(world.member)
    assert _logged_in(client)
    session = client.session
    session["_last_seen"] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()
    assert not _logged_in(client)


def test_an_active_session_still_ends_eight_hours_after_login(client, world, settings):
    client.force_login(world.member)
    assert _logged_in(client)
    session = client.session
    session["_started"] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session["_last_seen"] = int(time.time()) - 10  # active a moment ago
    session.save()
    assert not _logged_in(client)


def test_session_cookie_ends_with_the_browser_and_after_eight_hours(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY


def test_a_verified_session_makes_new_recovery_codes_and_the_old_ones_stop_working(
        client, world, django_capture_on_commit_callbacks):
    device = _enrolled(world.coordinator)
    old = twofactor.new_recovery_codes(world.coordinator)
    _password(client, world.coordinator)
    client.post("/accounts/login/verify/", {"token": _code(device)})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/recovery-codes/new/")
    assert response["Location"] == "/accounts/recovery-codes/"
    html = client.get("/accounts/recovery-codes/").content.decode()
    new = re.findall(r"<code>([a-z2-7]+)</code>", html)
    assert len(new) == twofactor.RECOVERY_CODES and not set(new) & set(old)
    assert "új helyreállító kódok" in mail.outbox[-1].body
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_a_session_without_the_code_cannot_make_recovery_codes(client, world):
    client.force_login(world.coordinator)
    assert client.post("/accounts/recovery-codes/new/").status_code == 403


PROXY = "127.0.0.1"  # nginx on the same host: every request's REMOTE_ADDR


def _spray(client, forwarded_for: str) -> None:
    """Five wrong passwords for made-up accounts from one client behind the proxy."""
    for n in range(5):
        client.post(LOGIN, {"username": f"kitalalt-{n}@example.org", "password": "rossz-123"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_one_proxy_a_sprayer_does_not_lock_out_everyone(client, world, settings):
    """Issue 21/1: axes counted REMOTE_ADDR (the proxy) for everyone behind it."""
    settings.TRUSTED_PROXY_COUNT = 1
    _spray(client, "203.0.113.66")
    other = client.post(LOGIN, {"username": world.member.email, "password": PASSWORD},
                        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.status_code == 302 and other["Location"] == "/"
    client.post("/accounts/logout/")
    # the sprayer's own address is locked, whatever account it tries next
    sprayer = client.post(LOGIN, {"username": world.auditor.email, "password": PASSWORD},
                          REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert sprayer.status_code == 429


def test_behind_one_proxy_a_forged_forwarded_address_does_not_escape_the_lock(
        client, world, settings):
    """The proxy appends the real client: only the last address counts, not what the client
    wrote in front of it."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        client.post(LOGIN, {"username": f"kitalalt-{n}@example.org", "password": "rossz-123"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.66")
    forged = client.post(LOGIN, {"username": world.auditor.email, "password": PASSWORD},
                         REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.8.8.8, 203.0.113.66")
    assert forged.status_code == 429


def test_behind_one_proxy_the_account_lock_still_holds_from_every_address(
        client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        client.post(LOGIN, {"username": world.member.email, "password": "rossz-123"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}")
    locked = client.post(LOGIN, {"username": world.member.email, "password": PASSWORD},
                         REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert locked.status_code == 429


def test_without_a_proxy_a_forged_forwarded_header_is_ignored(client, world, settings):
    """TRUSTED_PROXY_COUNT=0 (no proxy): X-Forwarded-For is the client's own invention."""
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        client.post(LOGIN, {"username": f"kitalalt-{n}@example.org", "password": "rossz-123"},
                    REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}")
    again = client.post(LOGIN, {"username": world.auditor.email, "password": PASSWORD},
                        REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert again.status_code == 429
    other = client.post(LOGIN, {"username": world.member.email, "password": PASSWORD},
                        REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 302
