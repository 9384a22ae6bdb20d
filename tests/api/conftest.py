import pytest

from kerekasztal.api.models import ApiToken


@pytest.fixture
def token(world):
    _record, value = ApiToken.issue(user=world.coordinator, name="teszt")
    return value


@pytest.fixture
def member_token(world):
    _record, value = ApiToken.issue(user=world.member, name="tag")
    return value


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture(scope="module")
def committed_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data loaded and committed once for a module of API fuzz cases (each case runs
    in its own rolled-back transaction, see `in_process_app`); after the module the database
    is flushed, as a transactional test does, and the reference data are loaded again."""
    from django.core.management import call_command
    from django.test import override_settings

    from kerekasztal.core.datasets.demo import demo_load
    from tests.conftest import FAST_HASHERS, load_reference_data

    media = tmp_path_factory.mktemp("media")
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media,
                           EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        with django_db_blocker.unblock():
            demo = demo_load()
        try:
            yield demo
        finally:
            with django_db_blocker.unblock():
                call_command("flush", interactive=False, verbosity=0)
                load_reference_data()


@pytest.fixture
def in_process_app(db, committed_demo):
    """Schemathesis calls the WSGI application in this thread, so its requests run in the
    test's transaction (rolled back after each case); like Django's test client, the request
    signals must not close the connection meanwhile."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield committed_demo
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
