"""Shared fixtures: reference data, personas and settings for every test.

Personas (healthchecks' Alice/Bob/Charlie): a coordinator, a member (representative of a
member organisation), a settlement officer, an auditor, an outsider (coordinator of
another forum), an anonymous visitor and the operator.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission

from kerekasztal.core.datasets.reference import ensure_reference_lists
from kerekasztal.territory.services import territory_load

from .factories import (
    ForumAccessFactory,
    ForumFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

PASSWORD = "correct-horse-battery-9"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Tasks (mail, search reindex) run at once in the process that queues them, after the
    # commit; the tests that prove the queue itself switch to the database backend
    # (`task_queue` fixture).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # The whole suite sends far more from 127.0.0.1 than a visitor would; the throttling
    # tests (tests/core/test_throttle.py) set the limits they prove.
    settings.PUBLIC_FORM_RATE = settings.PUBLIC_FORM_EMAIL_RATE = ""
    settings.API_TOKEN_RATE = settings.API_ANONYMOUS_RATE = ""
    # Compiled PDFs kept by their content (documents/stored.py): a folder per test.
    settings.DOCUMENTS_STORE_DIR = tmp_path_factory.mktemp("documents")
    # Anonymous public pages and API reads are cached (publishing/cache.py): every test
    # starts with an empty cache, as the database starts without the last test's records.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def task_queue(settings):
    """The real database queue of production: tasks wait for `kerekasztal db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def load_reference_data() -> None:
    """Hungary's territory and the shared lists (target groups, topics): idempotent."""
    territory_load()
    ensure_reference_lists()


def _reference_data_missing() -> bool:
    from kerekasztal.core.models import TargetGroup
    from kerekasztal.territory.models import ReferenceDataVersion

    return not (ReferenceDataVersion.objects.filter(name="territory").exists()
                and TargetGroup.objects.exists())


_database = {"ready": False}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (one per xdist worker) with the reference data committed once, so
    that every test's rolled-back transaction keeps them. A transactional or live-server
    test flushes the database: pytest_runtest_teardown below loads them again after it."""
    with django_db_blocker.unblock():
        load_reference_data()
    _database["ready"] = True
    yield
    _database["ready"] = False  # the test database is about to be destroyed


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    if _database["ready"] and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            if _reference_data_missing():  # a flush (one cheap query otherwise)
                load_reference_data()
    return result


@pytest.fixture
def _territory():
    """Kept for compatibility: the reference data are always in the test database now
    (see django_db_setup)."""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class World:
    """Two forums and one user per role; `other_*` belong to the second forum."""

    def __init__(self) -> None:
        from kerekasztal.territory.models import District, Settlement

        self.district = District.objects.get(name="Kőszegi járás")
        self.forum = ForumFactory(name="Kőszegi Járási Felzárkózási Kerekasztal",
                                  slug="koszeg", district=self.district,
                                  county=self.district.county)
        self.other_forum = ForumFactory(
            name="Kunszentmiklósi Kerekasztal", slug="kunszentmiklos",
            district=District.objects.get(name="Kunszentmiklósi járás"),
        )
        self.coordinator = UserFactory(email="coordinator@example.org",
                                       full_name="Koordinátor Kata")
        self.member = UserFactory(email="member@example.org", full_name="Tag Tamás")
        self.settlement_officer = UserFactory(email="hep@example.org", full_name="HEP Hedvig")
        self.auditor = UserFactory(email="auditor@example.org", full_name="Ellenőr Elemér")
        self.outsider = UserFactory(email="outsider@example.org", full_name="Kívülálló Kálmán")
        self.operator = UserFactory(email="operator@example.org", full_name="Üzemeltető Ödön",
                                    is_staff=True, is_superuser=True)
        self.settlement = Settlement.objects.get(name="Bozsok")
        ForumAccessFactory(forum=self.forum, user=self.coordinator, role="coordinator")
        ForumAccessFactory(forum=self.forum, user=self.settlement_officer,
                           role="settlement_officer", settlement=self.settlement)
        ForumAccessFactory(forum=self.forum, user=self.auditor, role="auditor")
        ForumAccessFactory(forum=self.other_forum, user=self.outsider, role="coordinator")
        self.coordinator.user_permissions.add(
            Permission.objects.get(codename="add_forum", content_type__app_label="forums")
        )
        self.organisation = OrganisationFactory(forum=self.forum,
                                                name="Bozsok Község Önkormányzata")
        self.representative = PersonFactory(forum=self.forum, name="Tag Tamás",
                                            email="member@example.org", user=self.member)
        self.membership = MembershipFactory(
            forum=self.forum, organisation=self.organisation,
            since=datetime.date(2015, 6, 16), representatives=[self.representative],
        )
        self.other_organisation = OrganisationFactory(forum=self.other_forum,
                                                      name="Kunszentmiklós Város Önkormányzata")
        self.other_person = PersonFactory(forum=self.other_forum, name="Más Márta")

    ROLES = ("anonymous", "outsider", "member", "settlement_officer", "auditor", "coordinator",
             "operator")

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def world(db) -> World:
    return World()


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(client, world):
    return login(client, world.coordinator)


@pytest.fixture
def member_client(client, world):
    return login(client, world.member)
