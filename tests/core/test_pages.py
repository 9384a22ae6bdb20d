import pytest

pytestmark = pytest.mark.django_db


def test_front_page_is_hungarian_by_default_even_for_an_english_browser(client, world):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="hu">' in html
    assert "Területi esélyegyenlőségi és felzárkózási fórumok" in html
    assert world.forum.name in html


def test_language_switch_sets_english(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html


def test_404_page_is_in_the_site_design(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Az oldal nem található" in html and 'class="site-header"' in html


def test_403_page_is_in_the_site_design(client, world):
    client.force_login(world.outsider)
    response = client.get(f"/f/{world.forum.slug}/manage/")
    assert response.status_code == 403
    assert "Nincs jogosultsága" in response.content.decode()


def test_workspace_requires_login(client, world):
    response = client.get(f"/f/{world.forum.slug}/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_about_data_page_names_sources_and_licences(client):
    html = client.get("/about/data/").content.decode()
    for text in ("KSH – www.ksh.hu", "CC BY 4.0", "GeoNames", "OpenStreetMap", "ODbL"):
        assert text in html


def test_password_reset_does_not_reveal_whether_an_account_exists(
        client, world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the mail is sent after commit
        known = client.post("/accounts/password-reset/", {"email": world.coordinator.email})
        unknown = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1


def test_login_error_is_in_hungarian_next_to_the_form(client, world):
    response = client.post("/accounts/login/", {"username": world.coordinator.email,
                                                "password": "wrong"})
    assert "Hibás e-mail-cím vagy jelszó" in response.content.decode()
