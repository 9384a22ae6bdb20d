"""The public site walked by keyboard only, axe-core on every public page; the coordinator
writes a news item with an image (alt text required) and a visitor finds it by search."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, text: str, limit: int = 250) -> None:
    """Press Tab until the focused element's text contains `text`, then Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement.innerText || document.activeElement.value || "
            "document.activeElement.getAttribute('aria-label') || '').trim()")
        if text in focused:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"no focusable element with {text!r} reached by keyboard")


def _content(world):
    from tests.publishing.conftest import make_album, make_document, make_post

    make_post(world.forum, title="Megalakult a kerekasztal",
              lead="A fogyatékkal élőket segítő szervezetek is csatlakoztak.")
    original = make_document(world.forum, title="Ügyrend")
    make_document(world.forum, title="Poslovnik", language="hr", translation_of=original)
    make_album(world.forum, title="Alakuló ülés", photos=2)


def test_visitor_walks_the_public_site_by_keyboard(page, axe, media):
    world = World()
    _content(world)
    page.goto("/")
    axe("front page")
    tab_to(page, "Kőszegi Járási Felzárkózási Kerekasztal")
    expect(page.get_by_role("heading", level=1)).to_have_text(world.forum.name)
    axe("forum home")
    for link, heading in [("Aktuális", "Aktuális"), ("Galéria", "Galéria"),
                          ("Dokumentumok", "Dokumentumok"), ("Tagok", "Tagok"),
                          ("Kapcsolat", "Kapcsolat"),
                          ("Akadálymentesség", "Akadálymentességi nyilatkozat"),
                          ("Adatkezelés", "Adatkezelési tájékoztató")]:
        tab_to(page, link)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        axe(heading)
    tab_to(page, "Aktuális")
    tab_to(page, "Megalakult a kerekasztal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Megalakult a kerekasztal")
    axe("news item")
    tab_to(page, "Galéria")
    tab_to(page, "Alakuló ülés")
    expect(page.get_by_role("img", name="A résztvevők a teremben 1")).to_be_visible()
    axe("album")
    tab_to(page, "Keresés")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "id_q":
            break
    page.keyboard.type("fogyatékkal élők")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("1 találat")
    expect(page.locator("mark").first).to_be_visible()
    axe("search results")
    page.goto("/search/?q=" + "x" * 300)
    expect(page.locator("#id_q_error")).to_contain_text("legfeljebb 200 karakter")
    axe("platform search with an error")


def test_coordinator_publishes_news_with_an_image(page, axe, media, tmp_path):
    from tests.publishing.conftest import png_bytes

    world = World()
    image = tmp_path / "kep.png"
    image.write_bytes(png_bytes())
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/news/")
    axe("news in the workspace")
    page.get_by_role("link", name="Új hír vagy sajtóközlemény").click()
    page.get_by_label("Fajta").select_option("press_release")
    page.get_by_label("Cím").fill("Sajtóközlemény a záró konferenciáról")
    page.get_by_label("Bevezető").fill("Bemutattuk a Járási Esélyteremtő Programtervet.")
    page.get_by_label("Állapot").select_option("published")
    page.get_by_label("Új kép").set_input_files(str(image))
    axe("news form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator("#id_image_alt_error")).to_contain_text("mit ábrázol a kép")
    axe("news form with an error")
    page.get_by_label("Új kép").set_input_files(str(image))
    page.get_by_label("A kép helyettesítő szövege").fill("A konferencia résztvevői")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("link", name="Megtekintés a nyilvános oldalon")).to_be_visible()
    page.get_by_role("link", name="Megtekintés a nyilvános oldalon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sajtóközlemény a záró konferenciáról")
    expect(page.get_by_role("img", name="A konferencia résztvevői")).to_be_visible()
    axe("published press release")
    page.goto(f"/f/{world.forum.slug}/manage/api-tokens/")
    page.get_by_label("A kulcs megnevezése").fill("adattárház")
    page.get_by_role("button", name="Kulcs létrehozása").click()
    expect(page.get_by_role("status")).to_contain_text("csak most látható")
    axe("API tokens")
