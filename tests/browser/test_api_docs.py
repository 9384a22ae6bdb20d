"""The API documentation page loads under the platform's own Content Security Policy."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_developer_reads_the_api_documentation(page, axe, live_server):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/api/docs")
    expect(page.locator("html")).to_have_attribute("lang", "hu")
    expect(page.get_by_role("heading", name="Kerekasztal API", exact=False).first).to_be_visible()
    # The operations are listed: Swagger UI fetched and rendered the OpenAPI schema.
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 10
    assert not errors, errors
    axe("API documentation")
    # An operation opened, with its parameters, responses and examples.
    page.locator(".opblock-summary-control").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    axe("API documentation, an operation opened")
