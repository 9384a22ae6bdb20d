"""Each demo login finds something to act on from the workspace front page, reaches it
through links only and does it (axe-core on every page): the member answers the coming
session's invitation, signs the agreement offered to their organisation and registers for
the coming training; the HEP officer finds a HEP being drafted and resubmits the one the
coordinator returned; the coordinator adopts the HEP submitted for adoption and sees the
answers to the invitation; the auditor follows the coming session to its answers."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, demo_load

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/f/koszegi-jarasi-kerekasztal/manage/"
SESSION = "9. Éves értékelő ülés"
TRAINING = "Továbbképzés a HEP-ek felülvizsgálatáról"


@pytest.fixture
def demo(live_server):
    demo_load()


def workspace(page, axe, label):
    page.goto(WORKSPACE)
    axe(label)


def test_member_answers_the_invitation_signs_and_registers(page, axe, demo):
    log_in(page, "tag@example.org", DEMO_PASSWORD)
    workspace(page, axe, "member workspace")
    page.get_by_role("region", name="Következő ülések").get_by_role("link", name=SESSION).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Éves értékelő ülés")
    answer = page.get_by_role("region", name="Az Ön visszajelzése")
    expect(answer).to_contain_text("Jelenlegi válasza: Nem válaszolt")
    axe("session with the member's invitation")
    answer.get_by_label("Igen, részt veszek").check()
    answer.get_by_role("button", name="Visszajelzés küldése").click()
    expect(page.get_by_text("Köszönjük a visszajelzést.")).to_be_visible()
    expect(page.get_by_role("region", name="Az Ön visszajelzése")).to_contain_text(
        "Jelenlegi válasza: Részt vesz")
    axe("session answered")

    workspace(page, axe, "member workspace again")
    waiting = page.get_by_role("region", name="Aláírásra váró megállapodások")
    waiting.get_by_role("link", name="Együttműködési megállapodás közösségi kertekről").click()
    axe("agreement offered to sign")
    page.get_by_role("link", name="Aláírás szervezetem nevében").click()
    axe("acceptance form")
    page.get_by_label("Szervezetem képviseletében elfogadom a megállapodás szövegét.").check()
    page.get_by_role("button", name="Elfogadom és aláírom").click()
    expect(page.get_by_text("Az aláírást rögzítettük.")).to_be_visible()
    axe("agreement signed")

    workspace(page, axe, "member workspace, third time")
    page.get_by_role("region", name="Következő rendezvények").get_by_role(
        "link", name=TRAINING).click()
    axe("coming training")
    page.get_by_role("link", name="Saját jelentkezés").click()
    axe("training registration form")
    page.get_by_label("Hozzájárulok", exact=False).check()
    page.get_by_role("button", name="Jelentkezem").click()
    expect(page.get_by_text("Ön jelentkezett")).to_be_visible()
    axe("registered for the training")


def test_officer_finds_a_draft_and_resubmits_the_returned_hep(page, axe, demo):
    log_in(page, "hep@example.org", DEMO_PASSWORD)
    workspace(page, axe, "officer workspace")
    desk = page.get_by_role("region", name="Települése készülő programjai")
    expect(desk.get_by_role("listitem").filter(
        has_text="Kőszegdoroszló Helyi Esélyegyenlőségi Programja")).to_contain_text("Tervezet")
    desk.get_by_role("link", name="Kőszegdoroszló Helyi Esélyegyenlőségi Programja").click()
    expect(page.get_by_role("button", name="Benyújtás elfogadásra")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Falugondnoki látogatások")
    axe("draft HEP")

    workspace(page, axe, "officer workspace again")
    desk = page.get_by_role("region", name="Települése készülő programjai")
    expect(desk.get_by_role("listitem").filter(
        has_text="Kőszegpaty Helyi Esélyegyenlőségi Programja")).to_contain_text(
        "átdolgozásra visszaküldve")
    desk.get_by_role("link", name="Kőszegpaty Helyi Esélyegyenlőségi Programja").click()
    expect(page.locator("main")).to_contain_text("mutassa be az óvodába járás adatait")
    axe("returned HEP with the reason")
    page.get_by_role("button", name="Benyújtás elfogadásra").click()
    expect(page.get_by_text("A programot benyújtotta elfogadásra")).to_be_visible()
    axe("HEP resubmitted")

    workspace(page, axe, "officer workspace after resubmitting")
    expect(page.get_by_role("region", name="Települése készülő programjai").get_by_role(
        "listitem").filter(has_text="Kőszegpaty")).to_contain_text("benyújtva")


def test_coordinator_sees_the_answers_and_adopts_the_submitted_hep(page, axe, demo):
    log_in(page, "koordinator@example.org", DEMO_PASSWORD)
    workspace(page, axe, "coordinator workspace")
    page.get_by_role("region", name="Következő ülések").get_by_role("link", name=SESSION).click()
    expect(page.locator("main")).to_contain_text("3 igen, 1 nem, 1 talán, 15 nem válaszolt")
    axe("session with the answers")

    workspace(page, axe, "coordinator workspace again")
    page.get_by_role("region", name="Elfogadásra benyújtott HEP-ek").get_by_role(
        "link", name="Lukácsháza Helyi Esélyegyenlőségi Programja").click()
    axe("submitted HEP")
    adopted = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Elfogadó határozat száma").fill("12/2026. Kt. határozat")
    page.get_by_label("Elfogadás napja").fill(adopted.isoformat())
    page.get_by_role("button", name="Állapot: Elfogadva").click()
    expect(page.get_by_text("A program állapota: Elfogadva.")).to_be_visible()
    axe("HEP adopted")
    workspace(page, axe, "coordinator workspace after adopting")
    expect(page.get_by_role("region", name="Elfogadásra benyújtott HEP-ek")).to_contain_text(
        "Nincs elfogadásra váró HEP.")


def test_auditor_follows_the_coming_session_to_its_answers(page, axe, demo):
    log_in(page, "ellenor@example.org", DEMO_PASSWORD)
    workspace(page, axe, "auditor workspace")
    page.get_by_role("region", name="Következő ülések").get_by_role("link", name=SESSION).click()
    expect(page.locator("main")).to_contain_text("3 igen, 1 nem, 1 talán, 15 nem válaszolt")
    expect(page.get_by_role("region", name="Az Ön visszajelzése")).to_have_count(0)
    axe("session seen by the auditor")
