"""Shared fixtures: reference data, personas and settings for every test.

Personas (healthchecks' Alice/Bob/Charlie): a coordinator, a member (representative of a
member organisation), a settlement officer, an auditor, an outsider (coordinator of
another forum), an anonymous visitor and the operator.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission

from kerekasztal.core.reference import ensure_reference_lists
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


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks (mail, search reindex) run at once in the process that queues them, after the
    # commit; the tests that prove the queue itself switch to the database backend
    # (`task_queue` fixture).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # The whole suite sends far more from 127.0.0.1 than a visitor would; the throttling
    # tests (tests/core/test_throttle.py) set the limits they prove.
    settings.PUBLIC_FORM_RATE = settings.PUBLIC_FORM_EMAIL_RATE = ""
    settings.API_TOKEN_RATE = settings.API_ANONYMOUS_RATE = ""


@pytest.fixture
def task_queue(settings):
    """The real database queue of production: tasks wait for `kerekasztal db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _territory(request):
    """Hungary's reference data and the shared lists (target groups, topics), loaded once and
    again after a transactional test flushed the database."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in names or "live_server" in names or (
        marker and marker.kwargs.get("transaction")
    ):
        request.getfixturevalue("transactional_db")
    elif "db" in names or marker:
        request.getfixturevalue("db")
    else:
        return
    territory_load()
    ensure_reference_lists()


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
