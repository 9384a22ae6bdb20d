"""The Foundation's user flow in a real browser, with axe-core on every page."""

import pytest
from playwright.sync_api import expect

from kerekasztal.directory.models import Organisation
from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_creates_forum_adds_member_and_visitor_sees_it(page, axe, live_server):
    world = World()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Területi esélyegyenlőségi és felzárkózási fórumok")
    axe("front page")

    log_in(page, world.coordinator.email, PASSWORD)
    page.get_by_role("link", name="Új fórum létrehozása").click()
    axe("new forum form")

    # A missing district is reported next to the field, and nothing is saved.
    page.get_by_label("A fórum neve").fill("Csepregi Próba Kerekasztal")
    page.get_by_label("A fórum típusa").select_option("district_roundtable")
    page.get_by_role("button", name="Fórum létrehozása").click()
    expect(page.locator("#id_district_error")).to_contain_text("adja meg a járást")
    axe("form with errors")

    page.get_by_label("Járás").select_option(label="Kőszegi járás")
    page.get_by_label("Vezető szervezet (pályázó önkormányzat) neve").fill(
        "Csepreg Város Önkormányzata")
    page.get_by_role("button", name="Fórum létrehozása").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Csepregi Próba Kerekasztal")
    axe("workspace")

    # A member organisation and its representative into the directory.
    page.get_by_role("link", name="Új szervezet felvétele a címtárba").click()
    page.get_by_label("Név", exact=True).fill("Velemi Nyugdíjasok Egyesülete")
    page.get_by_label("Típus").select_option("civil")
    page.get_by_label("Székhely (település)").select_option(label="Velem")
    page.get_by_label("Adószám").fill("10773381-2-44")
    axe("organisation form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velemi Nyugdíjasok Egyesülete")
    axe("organisation page")

    page.get_by_role("link", name="Új kapcsolattartó ehhez a szervezethez").click()
    page.get_by_label("Név", exact=True).fill("Kelemen Rozália")
    page.get_by_label("E-mail-cím").fill("rozalia@example.org")
    page.get_by_label("Beosztás").fill("elnök")
    axe("person form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelemen Rozália")

    # Membership with the representative.
    page.get_by_role("link", name="Velemi Nyugdíjasok Egyesülete").click()
    page.get_by_role("link", name="Felvétel tagként").click()
    page.get_by_label("Képviselők").select_option(label="Kelemen Rozália")
    page.get_by_label("Tagság kezdete").fill("2015-06-16")
    axe("membership form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("felkerült a tagok közé")
    row = page.get_by_role("row", name="Velemi Nyugdíjasok Egyesülete")
    expect(row).to_contain_text("Kelemen Rozália")
    axe("members")

    # The visitor sees the member organisation, but not its representative.
    page.get_by_role("link", name="A fórum nyilvános oldala").click()
    page.locator("header").get_by_role("button", name="Kilépés").click()
    slug = Organisation.objects.get(name="Velemi Nyugdíjasok Egyesülete").forum.slug
    page.goto(f"/f/{slug}/")
    expect(page.get_by_role("row", name="Velemi Nyugdíjasok Egyesülete")).to_be_visible()
    expect(page.get_by_text("Kelemen Rozália")).to_have_count(0)
    axe("public forum page")

    # Switch to English and back.
    page.get_by_label("Nyelv").select_option("en")
    page.get_by_role("button", name="Váltás").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Member organisations")).to_be_visible()
    axe("public forum page in English")
    page.get_by_label("Language").select_option("hu")
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("heading", name="Tagszervezetek")).to_be_visible()


def test_keyboard_user_can_skip_to_content(page, axe, live_server):
    World()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Ugrás a tartalomra")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_member_sees_members_but_not_the_directory(page, axe, live_server):
    world = World()
    log_in(page, world.member.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/")
    page.get_by_role("navigation", name="A fórum menüje").get_by_role("link", name="Tagok").click()
    expect(page.get_by_role("row", name=world.organisation.name)).to_be_visible()
    axe("members as a member")
    page.goto(f"/f/{world.forum.slug}/manage/directory/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nincs jogosultsága")
    axe("403 page")
