"""Importing measures and statistics into a plan: preview with row errors, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kerekasztal.core.models import ImportBatch
from kerekasztal.plans.models import Measure, StatisticValue
from tests.conftest import login

from .factories import make_measure

pytestmark = pytest.mark.django_db


def xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("intezkedesek.xlsx", buffer.getvalue())


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"forum": plan.forum.slug, "pk": plan.pk, **kwargs})


def test_measures_import_round_trips_the_xlsx_export(client, world, hep):
    make_measure(hep, title="Meglévő intézkedés")
    login(client, world.settlement_officer)
    exported = client.get(url("measure_export", hep, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # Re-import the same columns with new numbers and titles (status columns are ignored).
    header = rows[0][:18]
    new_rows = [header, [5, "Új intézkedés", "Gyermekek", *rows[1][3:18]],
                [6, "Másik intézkedés", "idősek", *[""] * 15]]
    response = client.post(url("import_measures", hep), {"file": xlsx(new_rows)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.errors == []
    client.post(url("import_preview_measures", hep, batch=batch.pk))
    assert list(hep.measures.order_by("number").values_list("number", "title")) == [
        (1, "Meglévő intézkedés"), (5, "Új intézkedés"), (6, "Másik intézkedés")]


def test_measures_import_with_a_bad_row_saves_nothing(client, world, hep):
    make_measure(hep)
    login(client, world.coordinator)
    client.post(url("import_measures", hep), {"file": xlsx([
        ["Sorszám", "Az intézkedés címe", "Célcsoport"],
        [2, "Jó sor", "Nők"],
        [1, "Foglalt sorszám", "Nők"],
        [3, "Rossz célcsoport", "Kutyák"],
    ])})
    batch = ImportBatch.objects.get()
    assert {(e["row"], e["column"]) for e in batch.errors} == {(3, "Sorszám"), (4, "Célcsoport")}
    page = client.get(url("import_preview_measures", hep, batch=batch.pk))
    assert "Ismeretlen célcsoport" in page.content.decode()
    client.post(url("import_preview_measures", hep, batch=batch.pk))
    assert Measure.objects.count() == 1


def test_statistics_outside_the_territory_are_rejected_row_by_row(client, world, hep):
    login(client, world.settlement_officer)
    client.post(url("import_statistics", hep), {"file": xlsx([
        ["Fejezet", "Mutató", "Mértékegység", "Forrás", "Település", "Év", "Érték"],
        ["A gyermekek helyzete", "Rendszeres gyermekvédelmi kedvezményben részesülők", "fő",
         "TEIR", "Bozsok", 2023, 14],
        ["children", "Rendszeres gyermekvédelmi kedvezményben részesülők", "fő", "TEIR",
         "Velem", 2023, 3],
    ])})
    batch = ImportBatch.objects.get()
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Település")]
    assert not StatisticValue.objects.exists()


def test_statistics_import_builds_the_chapter_table(client, world, hep):
    login(client, world.settlement_officer)
    client.post(url("import_statistics", hep), {"file": xlsx([
        ["Fejezet", "Mutató", "Forrás", "Település", "Év", "Érték"],
        ["Az idősek helyzete", "65 év felettiek száma", "KSH", "Bozsok", 2022, 98],
        ["Az idősek helyzete", "65 év felettiek száma", "KSH", "Bozsok", 2023, "101"],
    ])})
    batch = ImportBatch.objects.get()
    client.post(url("import_preview_statistics", hep, batch=batch.pk))
    page = client.get(url("chapter", hep, kind="elderly"))
    table = page.context["tables"][0]
    assert (table.years, table.rows) == ([2022, 2023], [("Bozsok", [98, 101])])


def test_settlement_officer_cannot_import_into_another_settlements_plan(client, world):
    from .factories import make_plan

    velem = make_plan(world.forum, settlement="Velem")
    login(client, world.settlement_officer)
    assert client.get(url("import_measures", velem)).status_code == 403
