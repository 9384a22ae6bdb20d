"""Agreements and memberships from a spreadsheet: rows grouped into agreements, names matched
as people type them, each bad row and cell named, nothing applied until every row is good."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kerekasztal.agreements.imports import AGREEMENTS
from kerekasztal.agreements.models import Agreement, Status
from kerekasztal.core.imports.services import ImportRefused, import_apply, import_preview
from kerekasztal.directory.matching import OrganisationMatcher
from kerekasztal.forums.imports import MEMBERSHIPS
from kerekasztal.forums.models import Membership
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HEADERS = ["A megállapodás címe", "Típus", "Témák", "A szöveg elkészült", "Hatály kezdete",
           "Hatály vége", "Aláíró szervezet", "Aláírás napja", "Aláíró neve"]


def xlsx(headers, rows, name="import.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


DRAFTED = D(2020, 3, 2)


def row(title, organisation, signed, drafted=DRAFTED, kind="többoldalú", start=None,
        until=None):
    return [title, kind, "", drafted, start, until, organisation, signed, "Aláíró"]


@pytest.fixture
def directory(world):
    return [world.organisation,
            OrganisationFactory(forum=world.forum, name="Kőszeg Város Önkormányzata"),
            OrganisationFactory(forum=world.forum, name="Kőszegi Roma Nemzetiségi "
                                                        "Önkormányzat")]


def test_names_are_matched_as_people_type_them(world, directory):
    matcher = OrganisationMatcher.for_forum(world.forum)
    for typed in ("Bozsok Község Önkormányzata", "bozsok kozseg onkormanyzata",
                  "Bozsok Önkormányzat", "BOZSOK  község önkormányzat"):
        assert matcher.find(typed) == world.organisation
    assert matcher.find("kőszegi roma nemzetiségi önkormányzat") == directory[2]
    with pytest.raises(ValueError, match="nem szerepel"):
        matcher.find("Bük Város Önkormányzata")
    with pytest.raises(ValueError, match="nem szerepel"):
        matcher.find("Kőszeg Roma")


def test_rows_group_into_agreements_and_apply_at_once(world, directory):
    rows = [row("Első", "Bozsok Önkormányzat", D(2020, 3, 10)),
            row("Első", "kőszeg város önkormányzata", D(2020, 3, 12)),
            row("Második", "Bozsok Község Önkormányzata", D(2021, 1, 5)),
            row("Második", "Kőszegi Roma Nemzetiségi Önkormányzat", None)]
    batch = import_preview(spec=AGREEMENTS, forum=world.forum, file=xlsx(HEADERS, rows),
                           user=world.coordinator)
    assert batch.errors == []
    assert import_apply(spec=AGREEMENTS, batch=batch, user=world.coordinator) == 4
    first, second = Agreement.objects.get(title="Első"), Agreement.objects.get(title="Második")
    assert first.signed_on == D(2020, 3, 12) and first.drafted_on == D(2020, 3, 2)
    assert first.parties.count() == 2 and first.status == Status.IN_FORCE
    assert second.status == Status.OPEN
    assert Agreement.history.filter(id=first.pk).count() == 1


def test_each_bad_row_and_cell_is_named_and_nothing_is_applied(world, directory):
    rows = [row("Első", "Bozsok Önkormányzat", D(2020, 3, 10)),
            row("Első", "Bozsok Község Önkormányzata", D(2020, 3, 11)),     # 3: twice
            row("Második", "Bük Város Önkormányzata", D(2020, 3, 10)),      # 4: unknown
            row("Második", "Kőszeg Város Önkormányzata", D(2020, 3, 1)),    # 5: before draft
            row("Harmadik", "Kőszeg Város Önkormányzata", D(2099, 1, 1)),   # 6: future
            row("Harmadik", "Bozsok Önkormányzat", D(2020, 4, 1), start=D(2020, 1, 1),
                until=D(2019, 1, 1)),                                        # 7: until
            row("Első", "Kőszegi Roma Nemzetiségi Önkormányzat", D(2020, 3, 10),
                drafted=D(2020, 3, 3))]                                      # 8: differs
    batch = import_preview(spec=AGREEMENTS, forum=world.forum, file=xlsx(HEADERS, rows),
                           user=world.coordinator)
    found = {(e["row"], e["column"]) for e in batch.errors}
    assert (3, "Aláíró szervezet") in found
    assert (4, "Aláíró szervezet") in found
    assert (5, "Aláírás napja") in found
    assert (6, "Aláírás napja") in found
    assert (7, "Hatály vége") in found
    assert (8, "A szöveg elkészült") in found
    assert (2, "Első") not in found
    messages = " ".join(e["message"] for e in batch.errors)
    assert "nem szerepel a fórum címtárában" in messages
    assert "már szerepel ennek a megállapodásnak" in messages
    with pytest.raises(ImportRefused):
        import_apply(spec=AGREEMENTS, batch=batch, user=world.coordinator)
    assert not Agreement.objects.exists()


def test_a_single_party_agreement_is_an_error_of_its_row(world, directory):
    batch = import_preview(spec=AGREEMENTS, forum=world.forum,
                           file=xlsx(HEADERS, [row("Egyedül", "Bozsok", D(2020, 3, 10))]),
                           user=world.coordinator)
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "A megállapodás címe")]


def test_a_bad_row_does_not_make_its_partner_row_a_single_party(world, directory):
    rows = [row("Kettő", "Bozsok Önkormányzat", "2020. 13. 45."),                # 2: bad day
            row("Kettő", "Kőszeg Város Önkormányzata", D(2020, 3, 12)),
            row("Kétoldalú", "Bozsok", "tegnap", kind="kétoldalú"),           # 4: bad day
            row("Kétoldalú", "Kőszeg", D(2020, 3, 12), kind="kétoldalú"),
            row("Kétoldalú", "Kőszegi Roma Nemzetiségi Önkormányzat", D(2020, 3, 12),
                kind="kétoldalú")]                                      # 6: 3 parties
    batch = import_preview(spec=AGREEMENTS, forum=world.forum, file=xlsx(HEADERS, rows),
                           user=world.coordinator)
    assert [(e["row"], e["column"]) for e in batch.errors] == [
        (2, "Aláírás napja"), (4, "Aláírás napja"), (5, "Típus")]
    assert "legalább két fele" not in " ".join(e["message"] for e in batch.errors)
    with pytest.raises(ImportRefused):
        import_apply(spec=AGREEMENTS, batch=batch, user=world.coordinator)
    assert not Agreement.objects.exists()


def test_the_hungarian_template_downloads(world, coordinator_client):
    response = coordinator_client.get(reverse("agreements:import_example", kwargs={
        "forum": world.forum.slug, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["A megállapodás címe", "Típus", "Témák"]
    response = coordinator_client.get(reverse("forums:membership_import_example", kwargs={
        "forum": world.forum.slug, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Szervezet", "Szerep", "Csatlakozás napja"]


def test_the_upload_page_previews_and_applies(world, directory, coordinator_client):
    url = reverse("agreements:import", kwargs={"forum": world.forum.slug})
    rows = [row("Első", "Bozsok", D(2020, 3, 10)), row("Első", "Kőszeg", D(2020, 3, 12))]
    response = coordinator_client.post(url, {"file": xlsx(HEADERS, rows)})
    assert response.status_code == 302
    preview = coordinator_client.get(response.url)
    assert preview.status_code == 200
    assert coordinator_client.post(response.url, {}).status_code == 302
    assert Agreement.objects.get(title="Első").signed_on == D(2020, 3, 12)


# --- memberships -----------------------------------------------------------------------

MEMBER_HEADERS = ["Szervezet", "Szerep", "Csatlakozás napja", "Kilépés napja", "Kilépés oka"]


def test_memberships_of_the_past_are_imported(world, directory):
    rows = [["kőszeg város önkormányzata", "elnök", D(2015, 6, 16), None, ""],
            ["Kőszegi Roma Nemzetiségi Önkormányzat", "", D(2015, 6, 16), D(2019, 12, 31),
             "Megszűnt az együttműködés."]]
    batch = import_preview(spec=MEMBERSHIPS, forum=world.forum,
                           file=xlsx(MEMBER_HEADERS, rows), user=world.coordinator)
    assert batch.errors == []
    import_apply(spec=MEMBERSHIPS, batch=batch, user=world.coordinator)
    left = Membership.objects.get(organisation=directory[2])
    assert left.until == D(2019, 12, 31) and left.role == "member"
    assert Membership.objects.get(organisation=directory[1]).role == "chair"


def test_bad_membership_rows_are_named(world, directory):
    rows = [["Bozsok Önkormányzat", "tag", D(2016, 1, 1), None, ""],          # 2: member already
            ["Bük Város Önkormányzata", "tag", D(2016, 1, 1), None, ""],      # 3: unknown
            ["Kőszeg Város Önkormányzata", "tag", D(2016, 1, 1), D(2015, 1, 1), ""],  # 4
            ["Kőszeg Város Önkormányzata", "főnök", D(2016, 1, 1), None, ""],  # 5: role
            ["Kőszegi Roma Nemzetiségi Önkormányzat", "", D(2016, 1, 1), None, ""],
            ["Kőszegi Roma Nemzetiségi Önkormányzat", "", D(2017, 1, 1), None, ""]]  # 7
    batch = import_preview(spec=MEMBERSHIPS, forum=world.forum,
                           file=xlsx(MEMBER_HEADERS, rows), user=world.coordinator)
    found = {(e["row"], e["column"]) for e in batch.errors}
    assert found == {(2, "Csatlakozás napja"), (3, "Szervezet"), (4, "Kilépés napja"),
                     (5, "Szerep"), (7, "Csatlakozás napja")}
