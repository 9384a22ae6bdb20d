"""Phones: the menus fold behind a button and focus finds the errors."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, World

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_visitor_opens_the_forum_menu_without_scrolling_sideways(page, axe):
    world = World()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/f/{world.forum.slug}/")
    toggle = page.locator("summary", has_text="Menü")
    expect(toggle).to_be_visible()
    expect(page.get_by_role("navigation", name="A fórum oldalai")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe("forum home at 320 px")
    toggle.click()
    expect(page.get_by_role("navigation", name="A fórum oldalai")).to_be_visible()
    page.set_viewport_size({"width": 1200, "height": 800})
    expect(page.get_by_role("navigation", name="A fórum oldalai")).to_be_visible()


def test_wide_screen_shows_the_workspace_menu_and_focus_goes_to_errors(page, axe):
    world = World()
    log_in(page, world.coordinator.email, PASSWORD)
    page.goto(f"/f/{world.forum.slug}/manage/")
    expect(page.locator("summary", has_text="Menü")).to_be_hidden()
    expect(page.get_by_role("navigation", name="A fórum menüje")).to_be_visible()
    page.goto(f"/f/{world.forum.slug}/manage/events/new/")
    page.locator("main").get_by_role("button", name="Mentés").click()
    expect(page.locator(".error-summary")).to_be_focused()
    axe("event form with errors")
