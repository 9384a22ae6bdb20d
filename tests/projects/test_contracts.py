"""What the projects app offers to the rest of the platform: publicity block, public
sources, API."""

import datetime

import pytest
from ninja.testing import TestClient

from kerekasztal.documents.publicity import publicity_for
from kerekasztal.forums.models import Forum
from kerekasztal.projects import api, services
from kerekasztal.projects.public import SOURCES
from tests.factories import MembershipFactory

from .conftest import project_data

pytestmark = pytest.mark.django_db
D = datetime.date


def test_publicity_block_for_records_of_a_funded_forum(project, world):
    membership = MembershipFactory(forum=world.forum, since=D(2015, 6, 1))
    block = publicity_for(membership)  # a record dated within the project
    assert block.project_id == "ÁROP-1.A.3-2014-2014-0019"
    assert block.beneficiary == "Bozsok Község Önkormányzata"
    assert "Támogatás: 22,0 millió forint (100% támogatási intenzitás)" in block.lines
    assert "Alap: Európai Szociális Alap" in block.lines
    assert "Megvalósítás: 2015. április 1. – 2015. szeptember 30." in block.lines
    assert ("A projekt az Európai Unió támogatásával, az Európai Szociális Alap "
            "társfinanszírozásával valósul meg.") in block.lines
    assert "Befektetés a jövőbe" not in block.lines  # not a Széchenyi 2020 project
    assert publicity_for(MembershipFactory(forum=world.forum, since=D(2016, 1, 1))) is None
    assert publicity_for(MembershipFactory(forum=world.other_forum, since=D(2015, 6, 1))) is None
    assert publicity_for(project).project_id == project.code


def test_szechenyi_2020_projects_carry_the_slogan(world):
    project = services.project_create(forum=world.forum, user=world.coordinator,
                                      **project_data(world, programme="EFOP",
                                                     call_code="EFOP-1.6.3-17",
                                                     code="EFOP-1.6.3-17-2017-00009",
                                                     grant_amount=74_976_000,
                                                     total_cost=74_976_000))
    block = publicity_for(project)
    assert block.lines[-1] == "Befektetés a jövőbe"
    assert "Támogatás: 74,976 millió forint (100% támogatási intenzitás)" in block.lines


def test_public_sources_hold_only_published_releases(project, world):
    forums = Forum.objects.all()
    draft = services.press_release_generate(project=project, kind="start",
                                            as_of=D(2015, 4, 1), user=None)
    published = services.press_release_generate(project=project, kind="closing",
                                                as_of=D(2015, 9, 30), user=None)
    services.press_release_publish(release=published, user=None)
    sources = {source.kind: source for source in SOURCES}
    releases = list(sources["projects.press_release"].records(forums))
    assert releases == [published] and draft not in releases
    assert sources["projects.press_release"].url(published).endswith(f"/{published.pk}/")
    assert list(sources["projects.project"].records(forums)) == [project]


def test_api_lists_projects_and_only_published_releases(project, world):
    client = TestClient(api.router)
    services.press_release_generate(project=project, kind="start", as_of=D(2015, 4, 1),
                                    user=None)
    response = client.get(f"/projects?forum={world.forum.slug}")
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["code"] == project.code and item["grant_amount"] == 22_000_000
    assert client.get("/projects?forum=nincs").json()["count"] == 0
    assert client.get("/press-releases").json()["count"] == 0
    release = services.press_release_generate(project=project, kind="closing",
                                              as_of=D(2015, 9, 30), user=None)
    services.press_release_publish(release=release, user=None)
    items = client.get(f"/press-releases?forum={world.forum.slug}").json()["items"]
    assert [i["id"] for i in items] == [release.pk]
