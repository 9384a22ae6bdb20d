"""Steps shared by the seed replays (test_seed_*.py): every one goes through the pages."""

from playwright.sync_api import expect


def nav(page, name):
    page.get_by_role("navigation", name="A fórum menüje").get_by_role(
        "link", name=name, exact=True).click()


def create_forum(page, axe, *, name, district, lead):
    page.get_by_role("link", name="Új fórum létrehozása").click()
    axe("new forum form")
    page.get_by_label("A fórum neve").fill(name)
    page.get_by_label("A fórum típusa").select_option("district_roundtable")
    page.get_by_label("Járás").select_option(label=district)
    page.get_by_label("Vezető szervezet (pályázó önkormányzat) neve").fill(lead)
    page.get_by_role("button", name="Fórum létrehozása").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    axe("workspace")
    return page.url


def import_file(page, axe, url, path, rows, label):
    """Upload a spreadsheet on an import page, check the preview, import every row."""
    page.goto(url)
    axe(f"{label} import")
    page.get_by_label("Fájl").set_input_files(str(path))
    page.get_by_role("button", name="Ellenőrzés").click()
    axe(f"{label} import preview")
    button = page.get_by_role("button", name=f"{rows} sor importálása")
    assert button.count() == 1, page.locator("main").inner_text()  # the rows' errors
    button.click()
    expect(page.locator(".message--success")).to_contain_text(f"{rows} sor importálva")
    axe(f"{label} imported")


def write_csv(path, header, rows):
    path.write_text(";".join(header) + "\n" + "".join(";".join(r) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def project_record(page, axe, link, fields, label, title):
    """A record of the project (asset, deliverable, milestone) from the project page."""
    page.get_by_role("link", name=link).click()
    for name, value in fields:
        if isinstance(value, tuple):
            page.get_by_label(name, exact=True).select_option(value[0])
        else:
            page.get_by_label(name, exact=True).fill(value)
    axe(label)
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def add_indicator(page, axe, project_url, name, rule, target, params=()):
    page.goto(project_url + "dashboard/")
    page.get_by_role("link", name="Új indikátor").click()
    page.get_by_label("Megnevezés").fill(name)
    page.get_by_label("Számítási szabály").select_option(rule)
    for label, value in params:
        page.get_by_label(label, exact=True).select_option(value)
    page.get_by_label("Célérték").fill(target)
    axe("indicator form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_be_visible()


def close_and_draft(page, axe, project_url, *, closed_on, kind, as_of):
    """Optionally set the closing day, then draft a document from the records."""
    page.goto(project_url)
    if closed_on:
        page.get_by_role("link", name="Adatok szerkesztése").click()
        page.get_by_label("Lezárás napja").fill(closed_on)
        axe("project form")
        page.get_by_role("button", name="Mentés").click()
    page.get_by_label("Dokumentum", exact=True).select_option(kind)
    page.get_by_label("Az adatok napja").fill(as_of)
    page.get_by_role("button", name="Vázlat készítése a nyilvántartásból").click()
    return page.get_by_label("Szöveg")
