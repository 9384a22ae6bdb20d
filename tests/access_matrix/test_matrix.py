"""Every URL pattern × every role × the expected outcome (see __init__.py)."""

import copy
import importlib
import pkgutil
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import access_matrix
from tests.conftest import FAST_HASHERS, World

from . import DENY, LOGIN, MISSING, OK, ROLES, TOKEN, Outcome  # noqa: F401

ROWS = [
    row
    for module in pkgutil.iter_modules(access_matrix.__path__)
    if module.name.startswith("rows_")
    for row in importlib.import_module(f"tests.access_matrix.{module.name}").ROWS
]
# The Django admin is the operator's: its representative rows stand for all its URLs.
COVERED_BY_NAMESPACE = {"admin"}


def _pattern_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _pattern_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield f"{namespace}{name}"


def test_every_url_pattern_has_a_row():
    covered = {row.name for row in ROWS}
    missing = sorted(
        name for name in set(_pattern_names())
        if name not in covered and name.split(":")[0] not in COVERED_BY_NAMESPACE
    )
    assert not missing, f"URL patterns without a row in the access matrix: {missing}"


def test_every_row_names_an_existing_url():
    names = set(_pattern_names())
    assert not sorted({row.name for row in ROWS} - names)


def _outcome(response) -> Outcome:
    if response.status_code in (301, 302, 303):
        location = response.headers.get("Location", "")
        return LOGIN if "/login/" in location else OK
    if response.status_code == 403:
        return DENY
    if response.status_code == 404:
        return MISSING
    if response.status_code == 401:
        return TOKEN
    assert response.status_code < 400, response.status_code
    return OK


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """One World for the whole matrix, built in a transaction that is rolled back after the
    module; each row's test runs in a savepoint inside it (the `db` fixture) and gets its own
    deep copy of the World's instances, as Django's setUpTestData does."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield World()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
@pytest.mark.django_db
def test_access(client, row, media, matrix_world):
    """The World is shared by the rows (rolled back per row); each role's request runs in a
    savepoint that is rolled back."""
    world = copy.deepcopy(matrix_world)
    if row.setup:
        row.setup(world)
    url = reverse(row.name, kwargs=row.kwargs(world))
    if row.query:
        url = f"{url}?{row.query}"
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            client.logout()
            user = world.user(role)
            if user is not None:
                client.force_login(user)
            response = client.generic(row.method, url, data=urlencode(row.data(world)),
                                      content_type="application/x-www-form-urlencoded")
            got = _outcome(response)
            if got != row.expect[role]:
                wrong.append(f"{role}: expected {row.expect[role].value}, got "
                             f"{response.status_code} {response.headers.get('Location', '')}")
            transaction.set_rollback(True)
    assert not wrong, f"{row.id} ({url}):\n  " + "\n  ".join(wrong)


def test_login_url_is_the_one_the_matrix_recognises():
    assert "/login/" in reverse(settings.LOGIN_URL)
