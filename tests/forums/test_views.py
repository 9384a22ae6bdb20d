import pytest

from kerekasztal.forums.models import Forum, Membership
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_public_page_shows_members_but_never_people(client, world):
    html = client.get(f"/f/{world.forum.slug}/").content.decode()
    assert world.organisation.name in html
    assert "Települési önkormányzat" in html or "Civil szervezet" in html
    assert world.representative.name not in html
    assert world.representative.email not in html
    assert "Kőszeg" in html and "Bozsok" in html  # the territory's settlements
    assert "<svg" in html


def test_public_page_lists_only_current_members(client, world):
    import datetime

    MembershipFactory(forum=world.forum, organisation=OrganisationFactory(
        forum=world.forum, name="Régi Tag Egyesület"), until=datetime.date(2016, 1, 1))
    assert "Régi Tag Egyesület" not in client.get(f"/f/{world.forum.slug}/").content.decode()


def test_public_page_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.get(f"/f/{world.forum.slug}/")
    for _ in range(25):
        MembershipFactory(forum=world.forum, representatives=[PersonFactory(forum=world.forum)])
    with django_assert_max_num_queries(8):
        client.get(f"/f/{world.forum.slug}/")


def test_coordinator_creates_a_forum_through_the_form(coordinator_client, world):
    from kerekasztal.territory.models import District

    response = coordinator_client.post("/forums/new/", {
        "name": "Tiszakécskei Járási Felzárkózási Kerekasztal", "kind": "district_roundtable",
        "district": District.objects.get(name="Tiszakécskei járás").pk,
        "lead_organisation_name": "Tiszakécske Város Önkormányzata",
        "lead_organisation_kind": "local_government",
    })
    forum = Forum.objects.get(name="Tiszakécskei Járási Felzárkózási Kerekasztal")
    assert response["Location"] == f"/f/{forum.slug}/manage/"
    assert forum.county.name == "Bács-Kiskun"


def test_missing_district_is_reported_next_to_the_field(coordinator_client, world):
    response = coordinator_client.post("/forums/new/", {
        "name": "Járás nélkül", "kind": "district_roundtable",
        "lead_organisation_kind": "local_government",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "A járási kerekasztalhoz adja meg a járást." in html
    assert not Forum.objects.filter(name="Járás nélkül").exists()


def test_add_member_with_representative_and_declaration(coordinator_client, world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    organisation = OrganisationFactory(forum=world.forum, name="Velem Község Önkormányzata")
    person = PersonFactory(forum=world.forum, name="Balogh Éva")
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/members/new/", {
        "organisation": organisation.pk, "role": "member", "since": "2015-06-16",
        "representatives": [person.pk],
        "accession_declaration": SimpleUploadedFile("nyilatkozat.pdf", b"%PDF-1.4\n%%EOF\n"),
    })
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=organisation)
    assert list(membership.representatives.all()) == [person]
    assert "Balogh" not in membership.accession_declaration.name
    download = coordinator_client.get(
        f"/f/{world.forum.slug}/manage/members/{membership.pk}/declaration/")
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_refused_declaration_file_keeps_the_form_and_saves_nothing(coordinator_client, world,
                                                                    media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    organisation = OrganisationFactory(forum=world.forum)
    response = coordinator_client.post(f"/f/{world.forum.slug}/manage/members/new/", {
        "organisation": organisation.pk, "role": "member", "since": "2015-06-16",
        "accession_declaration": SimpleUploadedFile("x.pdf", b"<html>nem pdf</html>"),
    })
    assert response.status_code == 200
    assert "nem megengedett típusú" in response.content.decode()
    assert not Membership.objects.filter(organisation=organisation).exists()


def test_members_page_filters_by_date(coordinator_client, world):
    response = coordinator_client.get(f"/f/{world.forum.slug}/manage/members/?on=2010-01-01")
    assert world.organisation.name not in response.content.decode()
    response = coordinator_client.get(f"/f/{world.forum.slug}/manage/members/?on=2015-06-16")
    assert world.organisation.name in response.content.decode()


def test_workspace_navigation_depends_on_role(client, world):
    client.force_login(world.member)
    html = client.get(f"/f/{world.forum.slug}/manage/").content.decode()
    assert "Tagok" in html and "Kapcsolattartók" not in html and "Hozzáférések" not in html
    client.force_login(world.coordinator)
    html = client.get(f"/f/{world.forum.slug}/manage/").content.decode()
    assert "Kapcsolattartók" in html and "Hozzáférések" in html
