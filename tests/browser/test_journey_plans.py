"""Issue 17, plans: the role journeys on the demo data, through the pages only, with axe-core
on every page. (a) Bozsok's HEP officer writes the new HEP, submits it, the coordinator
records the settlement's adoption, and the officer later records its two-year review.
(b) The coordinator starts the district programme plan, rolls the settlements' HEPs up,
runs the consultation, adopts the plan with a past date and records progress with a file."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import Axe, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORUM = "koszegi-jarasi-kerekasztal"
PLANS = f"/f/{FORUM}/manage/plans/"
COORDINATOR, MEMBER, OFFICER = ("koordinator@example.org", "tag@example.org",
                                "hep@example.org")


@pytest.fixture
def demo(live_server):
    demo_load()
    mail.outbox = []


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def log_out(page):
    page.locator("header").get_by_role("button", name="Kilépés").click()
    page.wait_for_load_state()


def open_plan(page, title):
    page.goto(PLANS)
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_hep_officer_writes_submits_and_reviews_the_settlements_hep(page, axe, demo):
    title = "Bozsok Község Helyi Esélyegyenlőségi Programja 2027–2031"
    log_in(page, OFFICER, DEMO_PASSWORD)
    page.goto(PLANS)
    axe("plan list")
    page.get_by_role("link", name="Új program").click()
    # The officer is offered only their own villages (the demo officer serves three).
    expect(page.get_by_label("Település").locator("option")).to_have_text(
        ["– válasszon –", "Bozsok", "Kőszegdoroszló", "Kőszegpaty"])
    page.get_by_label("Település").select_option(label="Bozsok")
    page.get_by_label("Cím").fill(title)
    page.get_by_label("Időszak kezdete (év)").fill("2027")
    page.get_by_label("Időszak vége (év)").fill("2031")
    axe("new plan form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    axe("new HEP")

    # The situation: chapter text, and a new indicator in the same form keeps the text.
    page.get_by_role("link", name="Mélyszegénységben élők és romák helyzete").click()
    page.get_by_label("Helyzetelemzés").fill("A tartós álláskeresők aránya a járási átlag "
                                             "felett van.")
    page.get_by_label("Új mutató neve").fill("Tartós álláskeresők aránya")
    page.get_by_label("Mértékegység").fill("%")
    axe("chapter")
    page.get_by_role("button", name="Mutató felvétele").click()
    expect(page.locator(".message--success").first).to_contain_text("A fejezetet mentettük")
    expect(page.get_by_label("Helyzetelemzés")).to_have_value(
        "A tartós álláskeresők aránya a járási átlag felett van.")
    # The whole table in one form, with decimal commas.
    page.get_by_role("link", name="Adatok rögzítése: Tartós álláskeresők aránya").click()
    last_year = timezone.localdate().year - 1
    page.get_by_label(f"Bozsok, {last_year - 1}").fill("12,25")
    page.get_by_label(f"Bozsok, {last_year}").fill("11,5")
    axe("statistics table")
    page.get_by_role("button", name="Táblázat mentése").click()
    expect(page.locator(".message--success")).to_contain_text("2 adat változott")
    table = page.get_by_role("table", name="Tartós álláskeresők aránya")
    expect(table.get_by_role("cell", name="11,5", exact=True)).to_be_visible()
    axe("chapter with table")
    page.get_by_role("link", name=title).click()

    # A problem, and a measure for it that starts with its target group.
    page.get_by_role("link", name="Új probléma").click()
    page.get_by_label("Célcsoport").select_option(label="Mélyszegénységben élők és romák")
    page.get_by_label("Probléma").fill("Magas a tartós munkanélküliek aránya")
    axe("problem form")
    page.get_by_role("button", name="Mentés").click()
    page.get_by_role("link", name="Intézkedés ehhez a problémához: Magas a tartós "
                                  "munkanélküliek aránya").click()
    expect(page.get_by_label("Célcsoport").locator("option:checked")).to_have_text(
        "Mélyszegénységben élők és romák")
    expect(page.get_by_label("Magas a tartós munkanélküliek aránya")).to_be_checked()
    page.get_by_label("Az intézkedés címe").fill("Mentorprogram tartós álláskeresőknek")
    page.get_by_label("Felelős", exact=True).fill("Bozsok Község Önkormányzata")
    page.get_by_label("Határidő", exact=True).fill("2029-12-31")
    axe("measure form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "1. Mentorprogram tartós álláskeresőknek")
    axe("measure page")
    page.get_by_role("link", name=title).click()

    # The officer's job ends with submitting it; the coordinator is told by mail.
    page.get_by_role("button", name="Benyújtás elfogadásra").click()
    expect(page.locator(".message--success")).to_contain_text("e-mailben értesítettük")
    expect(page.locator(".badge").first).to_have_text("Benyújtva")
    expect(page.get_by_role("button", name="Benyújtás elfogadásra")).to_have_count(0)
    axe("submitted HEP")
    assert [m.to for m in mail.outbox] == [[COORDINATOR]]
    assert title in mail.outbox[0].body
    log_out(page)

    # The coordinator sees it submitted and records the council's decision (not a future one).
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(PLANS)
    expect(page.get_by_role("row", name=title)).to_contain_text("Benyújtva")
    page.get_by_role("link", name=title).click()
    page.get_by_label("Elfogadó határozat száma").fill("12/2026. (XI. 5.) Kt. határozat")
    page.get_by_label("Elfogadás napja").fill((timezone.localdate()
                                                + datetime.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Állapot: Elfogadva").click()
    expect(page.locator("#id_adopted_on_error")).to_contain_text("nem lehet a jövőben")
    expect(page.get_by_label("Elfogadó határozat száma")).to_have_value(
        "12/2026. (XI. 5.) Kt. határozat")
    axe("adoption refused")
    adopted = days_ago(30)
    page.get_by_label("Elfogadás napja").fill(adopted.isoformat())
    page.get_by_role("button", name="Állapot: Elfogadva").click()
    expect(page.locator(".message--success")).to_contain_text("Elfogadva")
    expect(page.get_by_text("A korábbi program hatályon kívül került")).to_be_visible()
    axe("adopted HEP")
    page.goto(PLANS)
    expect(page.get_by_role("row", name="Bozsok Helyi Esélyegyenlőségi Programja")
           ).to_contain_text("Hatályon kívül")
    # The public sees the new HEP in force and no longer the old one.
    page.goto(f"/f/{FORUM}/plans/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    expect(page.get_by_role("link", name="Bozsok Helyi Esélyegyenlőségi Programja",
                            exact=True)).to_have_count(0)
    axe("public plan list")
    page.goto(PLANS)
    log_out(page)

    # Later the officer records the two-year review of the settlement's HEP.
    log_in(page, OFFICER, DEMO_PASSWORD)
    open_plan(page, title)
    page.get_by_role("link", name="Felülvizsgálat rögzítése").click()
    page.get_by_label("A felülvizsgálat napja").fill(days_ago(1).isoformat())
    page.get_by_label("Eredmény").select_option(label="Felülvizsgálva, változatlanul hatályban")
    axe("review form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.locator(".message--success")).to_contain_text("A felülvizsgálatot rögzítettük")
    expect(page.get_by_role("region", name="Felülvizsgálatok")).to_contain_text(
        "Felülvizsgálva, változatlanul hatályban")
    axe("reviewed HEP")


def test_coordinator_builds_consults_adopts_and_follows_the_district_plan(
        page, axe, demo, browser, live_server):
    title = "Kőszegi Járási Esélyteremtő Programterv 2027–2031"
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(PLANS)
    page.get_by_role("link", name="Új program").click()
    page.get_by_label("Típus").select_option(label="Járási programterv")
    page.get_by_label("Cím").fill(title)
    page.get_by_label("Időszak kezdete (év)").fill("2027")
    page.get_by_label("Időszak vége (év)").fill("2031")
    axe("new district plan form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".facts")).to_contain_text("Kőszegi járás")
    axe("district plan")

    # Roll-up: each settlement once, each group taken over once.
    page.get_by_role("link", name="Települési programok összesítése").click()
    territories = page.get_by_role("table", name="Programok területenként")
    # four adopted HEPs and three in the making (demo: a draft, a returned, a submitted one)
    expect(territories.locator("tbody tr")).to_have_count(7)
    axe("roll-up")
    for group in ("Magas a tartós munkanélküliek aránya", "Nincs helyben bölcsőde",
                  "Mentorprogram tartós álláskeresőknek"):
        button = page.get_by_role("button", name=f"Átvétel a programba: {group}", exact=True)
        button.click()
        expect(page.locator(".message--success")).to_contain_text("átvettük")
        expect(button).to_have_count(0)
    expect(page.locator(".badge", has_text="átvéve")).to_have_count(3)
    axe("roll-up after taking over")
    page.get_by_role("link", name=title).click()
    # The rolled-up measure keeps its responsible parties, deadline and problem.
    measures = page.get_by_role("table", name="Az intézkedések összefoglaló táblázata")
    expect(measures.locator("tbody tr")).to_have_count(1)
    expect(measures).to_contain_text("Bozsok Község Önkormányzata")
    expect(measures).to_contain_text("2026")
    problems = page.get_by_role("table", name="Feltárt problémák")
    expect(problems.get_by_role("row", name="Magas a tartós munkanélküliek aránya")
           ).to_contain_text("1")

    # The consultation: a member comments, the coordinator decides.
    page.get_by_role("button", name="Állapot: Véleményezés alatt").click()
    expect(page.locator(".message--success")).to_contain_text("Véleményezés alatt")
    member = browser.new_context(base_url=live_server.url, locale="hu-HU",
                                 timezone_id="Europe/Budapest")
    member_page = member.new_page()
    member_page.set_default_timeout(10_000)
    member_axe = Axe(member_page)
    log_in(member_page, MEMBER, DEMO_PASSWORD)
    open_plan(member_page, title)
    member_page.get_by_role("link", name="Mentorprogram tartós álláskeresőknek").click()
    member_page.get_by_role("textbox", name="Észrevétel").fill(
        "A csepregi munkaügyi kirendeltséget is vonjuk be.")
    member_page.get_by_role("button", name="Észrevétel beküldése").click()
    expect(member_page.locator(".message--success")).to_contain_text("Észrevételét rögzítettük")
    member_axe("member's comment")
    member.close()

    page.reload()
    page.get_by_role("link", name="Véleményezés (1 elbírálatlan)").click()
    page.get_by_role("link", name="Elbírálásra vár").click()
    page.get_by_label("Elfogadva").check()
    page.get_by_label("Indoklás").fill("A partnerek közé felvesszük.")
    axe("comment decision")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_role("cell", name="A partnerek közé felvesszük.")).to_be_visible()
    page.get_by_role("link", name=title).click()

    # Adoption with a past date.
    adopted = days_ago(10)
    page.get_by_label("Elfogadó határozat száma").fill("3/2026. (XI. 25.) Kerekasztal-határozat")
    page.get_by_label("Elfogadás napja").fill(adopted.isoformat())
    page.get_by_role("button", name="Állapot: Elfogadva").click()
    expect(page.locator(".message--success")).to_contain_text("Elfogadva")
    expect(page.locator(".facts")).to_contain_text("3/2026. (XI. 25.) Kerekasztal-határozat")
    axe("adopted district plan")

    # Progress with an evidence file.
    page.get_by_role("link", name="Mentorprogram tartós álláskeresőknek").click()
    page.get_by_role("link", name="Előrehaladás rögzítése").click()
    page.get_by_label("Dátum").fill(days_ago(2).isoformat())
    page.get_by_label("Állapot").select_option("in_progress")
    page.get_by_label("Teljesítés (%)").fill("40")
    page.get_by_label("Beszámoló").fill("A mentorok kiválasztása megtörtént.")
    page.get_by_label("Bizonyíték (fájl)").set_input_files(files=[{
        "name": "jelenleti-iv.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}])
    axe("progress form")
    page.get_by_role("button", name="Mentés").click()
    expect(page.get_by_text("A mentorok kiválasztása megtörtént.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Bizonyíték letöltése").click()
    assert download.value.suggested_filename.endswith(".pdf")
    axe("measure with progress")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("region", name="Előrehaladás")).to_contain_text(
        "1 intézkedés, teljesítés: 40%")

    # The public page shows the adopted plan with its progress; not the evidence file.
    page.goto(f"/f/{FORUM}/plans/")
    page.get_by_role("link", name=title).click()
    expect(page.locator("main")).to_contain_text("Elfogadva")
    expect(page.locator("main")).to_contain_text("A mentorok kiválasztása megtörtént.")
    expect(page.get_by_role("link", name="Bizonyíték letöltése")).to_have_count(0)
    axe("public district plan")


def test_coordinator_returns_a_submitted_hep_and_the_officer_sees_why(page, axe, demo):
    title = "Bozsok Község HEP 2028–2032"
    log_in(page, OFFICER, DEMO_PASSWORD)
    page.goto(PLANS)
    page.get_by_role("link", name="Új program").click()
    page.get_by_label("Település").select_option(label="Bozsok")
    page.get_by_label("Cím").fill(title)
    page.get_by_label("Időszak kezdete (év)").fill("2028")
    page.get_by_label("Időszak vége (év)").fill("2032")
    page.get_by_role("button", name="Mentés").click()
    # Statistics as Hungarians type them: thousands with a space, a decimal comma.
    page.get_by_role("link", name="A gyermekek helyzete").click()
    page.get_by_label("Új mutató neve").fill("Rendszeres gyermekvédelmi kedvezményben részesülők")
    page.get_by_role("button", name="Mutató felvétele").click()
    page.get_by_role("link", name="Adatok rögzítése: Rendszeres gyermekvédelmi "
                                  "kedvezményben részesülők").click()
    last_year = timezone.localdate().year - 1
    page.get_by_label(f"Bozsok, {last_year}").fill("12 345")
    page.get_by_label(f"Bozsok, {last_year - 1}").fill("12,5")
    page.get_by_role("button", name="Táblázat mentése").click()
    expect(page.locator(".message--success")).to_contain_text("2 adat változott")
    table = page.get_by_role("table", name="Rendszeres gyermekvédelmi kedvezményben részesülők")
    expect(table.get_by_role("cell", name="12,5", exact=True)).to_be_visible()
    # Thousands with a narrow no-break space, never "12345" (AkH 12).
    expect(table.get_by_role("cell", name="12\u202f345", exact=True)).to_be_visible()
    expect(table).not_to_contain_text("12345")
    axe("chapter with statistics")
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name="Benyújtás elfogadásra").click()
    expect(page.locator(".badge").first).to_have_text("Benyújtva")
    log_out(page)
    mail.outbox = []

    # The coordinator finds it on the workspace's front page and sends it back with the reason.
    log_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto(f"/f/{FORUM}/manage/")
    desk = page.get_by_role("region", name="Elfogadásra benyújtott HEP-ek")
    expect(desk).to_contain_text("benyújtva")
    axe("coordinator's workspace")
    desk.get_by_role("link", name=title).click()
    page.get_by_label("A visszaküldés indoka").fill("A nők helyzete fejezet üres; kérjük, "
                                                    "töltsék ki.")
    axe("submitted HEP, coordinator")
    page.get_by_role("button", name="Visszaküldés átdolgozásra").click()
    expect(page.locator(".message--info").first).to_contain_text("e-mailben értesítettük")
    expect(page.locator(".badge").first).to_have_text("Tervezet")
    axe("returned HEP, coordinator")
    assert [m.to for m in mail.outbox] == [[OFFICER]]
    assert "A nők helyzete fejezet üres" in mail.outbox[0].body
    log_out(page)

    # The officer sees it returned on the workspace's front page, why on the plan's page,
    # and can submit it again.
    log_in(page, OFFICER, DEMO_PASSWORD)
    page.goto(f"/f/{FORUM}/manage/")
    desk = page.get_by_role("region", name="Települése készülő programjai")
    expect(desk).to_contain_text("átdolgozásra visszaküldve")
    axe("officer's workspace")
    desk.get_by_role("link", name=title).click()
    expect(page.locator(".message--warning")).to_contain_text(
        "A koordinátor átdolgozásra visszaküldte a programot")
    expect(page.locator(".message--warning")).to_contain_text("A nők helyzete fejezet üres")
    axe("returned HEP, officer")
    page.get_by_role("button", name="Benyújtás elfogadásra").click()
    expect(page.locator(".badge").first).to_have_text("Benyújtva")
    expect(page.locator(".message--warning")).to_have_count(0)
