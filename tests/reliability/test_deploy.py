"""Production settings: `check --deploy` is clean; security headers on every page."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KEREKASZTAL = Path(sys.executable).with_name("kerekasztal")
SECRET = "x" * 20 + "-production-test-key-not-used-anywhere-else-0123456789"


def _production_env(tmp_path, **extra):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
                          # set by the browser tests' Playwright fixture in the same session
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return {**env, "KEREKASZTAL_ENV": "production", "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "kerekasztal.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "STATIC_ROOT": str(tmp_path / "static"), **extra}


def test_check_deploy_reports_nothing_in_production_mode(tmp_path):
    result = subprocess.run(
        [str(KEREKASZTAL), "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_check_deploy_complains_outside_production_mode(tmp_path):
    env = {**_production_env(tmp_path), "KEREKASZTAL_ENV": "local"}
    result = subprocess.run([str(KEREKASZTAL), "check", "--deploy"], env=env,
                            capture_output=True, text=True)
    assert "security.W004" in result.stderr  # no HSTS locally: production mode is needed


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("SECRET_KEY", "short", "SECRET_KEY"),
    ("DEBUG", "true", "DEBUG"),
])
def test_production_refuses_to_start_with_unsafe_settings(tmp_path, variable, value, message):
    env = {**_production_env(tmp_path), variable: value}
    result = subprocess.run([str(KEREKASZTAL), "check"], env=env, capture_output=True,
                            text=True)
    assert result.returncode != 0 and message in result.stderr


HEADERS_SCRIPT = """
import json
from django.test import Client
client = Client()
plain = client.get("/", HTTP_HOST="kerekasztal.example.org")
page = client.get("/accounts/login/", HTTP_HOST="kerekasztal.example.org",
                  HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"plain_status": plain.status_code, "plain_location": plain.get("Location"),
                  "headers": dict(page.headers),
                  "cookies": {k: {"secure": v["secure"], "httponly": v["httponly"],
                                  "samesite": v["samesite"]} for k, v in page.cookies.items()}}))
"""


def test_production_redirects_to_https_and_sends_strict_headers(tmp_path):
    env = _production_env(tmp_path)
    subprocess.run([str(KEREKASZTAL), "migrate", "-v0"], env=env, check=True)
    subprocess.run([str(KEREKASZTAL), "collectstatic", "--noinput", "-v0"], env=env,
                   check=True)
    result = subprocess.run([str(KEREKASZTAL), "shell", "-c", HEADERS_SCRIPT], env=env,
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["plain_status"] == 301
    assert data["plain_location"] == "https://kerekasztal.example.org/"
    headers = data["headers"]
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    csrf = data["cookies"]["__Host-kerekasztal_csrf"]
    assert csrf["secure"] is True and csrf["httponly"] is True


@pytest.mark.django_db
def test_every_page_has_a_csp_without_unsafe_inline(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["Referrer-Policy"] == "same-origin"
