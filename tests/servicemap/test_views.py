import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from kerekasztal.core.models import ImportBatch
from kerekasztal.servicemap import services
from kerekasztal.servicemap.models import Gap, Questionnaire, ServicePoint

from .conftest import point, service_type, settlement

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def url(world, rest=""):
    return f"/f/{world.forum.slug}/manage/services/{rest}"


def _svg_and_table(html: str):
    svg_text = html[html.index("<svg"):html.index("</svg>") + 6]
    svg = ET.fromstring(svg_text)  # noqa: S314 (our own page)
    shapes = {path.get("data-code"): (path.get("class"), path.find(f"{SVG}title").text)
              for path in svg.iter(f"{SVG}path")}
    table = html[html.index('id="sm-map-table"'):]
    table = table[:table.index("</table>")]
    return svg, shapes, table


def test_coverage_page_shows_local_served_and_missing(coordinator_client, world):
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    html = coordinator_client.get(url(world)).content.decode()
    assert "Háziorvosi ellátás" in html and "helyben" in html
    assert "hiány" in html


@pytest.mark.parametrize("page", ["", "points/", "gaps/", "map/", "questionnaires/"])
def test_list_pages_query_count_does_not_grow(coordinator_client, world, page,
                                             django_assert_max_num_queries):
    def add(names):
        for name in names:
            point(world.forum, "dentist", name, served=("Bozsok", "Velem"))
            services.gap_record(forum=world.forum, settlement=settlement(name),
                                service_type=service_type("tanoda"),
                                found_on=datetime.date(2020, 1, 1))
            Questionnaire.objects.create(forum=world.forum, settlement=settlement(name),
                                         submitted_at=datetime.datetime(2024, 1, 1,
                                                                        tzinfo=datetime.UTC),
                                         submitted_by=world.coordinator)

    coordinator_client.get(url(world, page))
    add(["Kőszeg", "Bük"])
    with django_assert_max_num_queries(40) as few:
        assert coordinator_client.get(url(world, page)).status_code == 200
    add(["Cák", "Csepreg", "Peresznye", "Horvátzsidány", "Lukácsháza", "Kőszegszerdahely",
         "Gyöngyösfalu", "Nemescsó", "Kiszsidány", "Ólmod"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(url(world, page))


def test_map_svg_is_valid_and_matches_the_table(coordinator_client, world):
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    gp = service_type("gp")
    html = coordinator_client.get(url(world, f"map/?service_type={gp.pk}")).content.decode()
    svg, shapes, table = _svg_and_table(html)
    assert svg.get("viewBox") and svg.find(f"{SVG}title").text
    territory = list(world.forum.settlements())
    assert set(shapes) == {s.ksh_code for s in territory}
    for code, (css, title) in shapes.items():
        name, label = title.split(" – ")[0].split(": ", 1)
        assert f'<tr data-code="{code}"><th scope="row">{name}</th><td class="sm-cell {css}">' \
               f'{label}</td>' in table
    assert shapes[settlement("Kőszeg").ksh_code][0] == "sm-local"
    assert shapes[settlement("Bozsok").ksh_code][0] == "sm-served"
    assert shapes[settlement("Velem").ksh_code][0] == "sm-gap"


def test_map_by_gap_count_has_a_legend(coordinator_client, world):
    html = coordinator_client.get(url(world, "map/")).content.decode()
    _svg, shapes, _table = _svg_and_table(html)
    assert all(css.startswith("sm-n") for css, _t in shapes.values())
    assert "Szolgáltatáshiányok száma településenként" in html and "sm-legend" in html


def test_settlement_officer_fills_own_questionnaire_and_the_map_changes(client, world):
    client.force_login(world.settlement_officer)
    bozsok, library = settlement("Bozsok"), service_type("library")
    page = client.get(url(world, f"map/?service_type={library.pk}")).content.decode()
    assert _svg_and_table(page)[1][bozsok.ksh_code][0] == "sm-gap"
    response = client.post(url(world, f"questionnaires/{bozsok.pk}/"), {
        f"status_{library.pk}": "local", f"status_{service_type('gp').pk}": "served",
        f"from_{service_type('gp').pk}": settlement("Kőszeg").pk, "note": "",
    })
    assert response.status_code == 302
    page = client.get(url(world, f"map/?service_type={library.pk}")).content.decode()
    assert _svg_and_table(page)[1][bozsok.ksh_code][0] == "sm-local"
    assert Questionnaire.objects.get(settlement=bozsok).submitted_by == world.settlement_officer


def test_questionnaire_served_without_source_shows_the_error_next_to_the_field(client, world):
    client.force_login(world.settlement_officer)
    bozsok, gp = settlement("Bozsok"), service_type("gp")
    response = client.post(url(world, f"questionnaires/{bozsok.pk}/"),
                           {f"status_{gp.pk}": "served"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_from_{gp.pk}_error"' in html and "melyik településről" in html
    assert not Questionnaire.objects.exists()


def test_settlement_officer_cannot_seat_a_point_in_another_settlement(client, world):
    client.force_login(world.settlement_officer)
    response = client.post(url(world, "points/new/"), {
        "service_type": service_type("gp").pk, "provider_name": "Dr. Minta",
        "settlement": settlement("Kőszeg").pk,
    })
    assert response.status_code == 200 and 'id="id_settlement_error"' in response.content.decode()
    assert not ServicePoint.objects.exists()


def test_coordinator_records_a_point_with_service_area(coordinator_client, world):
    response = coordinator_client.post(url(world, "points/new/"), {
        "service_type": service_type("health-visitor").pk, "provider_name": "Védőnői körzet",
        "settlement": settlement("Kőszeg").pk,
        "served_settlements": [settlement("Bozsok").pk, settlement("Velem").pk],
        "verified_on": "2025-03-01",
    })
    assert response.status_code == 302
    created = ServicePoint.objects.get()
    assert sorted(s.name for s in created.served_settlements.all()) == ["Bozsok", "Velem"]


def test_half_coordinates_get_a_hungarian_message(coordinator_client, world):
    response = coordinator_client.post(url(world, "points/new/"), {
        "service_type": service_type("gp").pk, "provider_name": "Dr. Minta",
        "settlement": settlement("Kőszeg").pk, "lat": "47,39",
    })
    html = response.content.decode()
    assert 'id="id_lon_error"' in html or "mindkét értékkel" in html
    assert not ServicePoint.objects.exists()


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("pontok.xlsx", buffer.getvalue())


HEADER = ["Szolgáltatástípus", "Szolgáltató", "Székhely", "Ellátott települések",
          "Szélesség", "Hosszúság"]


def test_import_applies_all_rows(coordinator_client, world):
    upload = _xlsx([HEADER, ["Védőnői szolgálat", "Védőnők", "Kőszeg", "Bozsok; Velem", "", ""],
                    ["háziorvosi ellátás", "Dr. Minta", "Bük", "", "47,38", "16,75"]])
    response = coordinator_client.post(url(world, "points/import/"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and not batch.errors
    coordinator_client.post(url(world, f"points/import/{batch.pk}/"), {})
    assert ServicePoint.objects.count() == 2
    assert ServicePoint.objects.get(provider_name="Védőnők").served_settlements.count() == 2


def test_import_records_points_operating_since_years_ago(coordinator_client, world):
    import datetime

    header = ["Szolgáltatástípus", "Szolgáltató", "Székhely", "Működik ettől", "Működött eddig"]
    upload = _xlsx([header, ["Védőnői szolgálat", "Védőnők", "Kőszeg", "2012-01-01", ""],
                    ["Háziorvosi ellátás", "Dr. Régi", "Bük", "2010-01-01", "2014-12-31"],
                    ["Háziorvosi ellátás", "Dr. Fordított", "Bük", "2016-01-01", "2015-01-01"]])
    coordinator_client.post(url(world, "points/import/"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert [error["row"] for error in batch.errors] == [4]  # until before since
    upload = _xlsx([header, ["Védőnői szolgálat", "Védőnők", "Kőszeg", "2012-01-01", ""],
                    ["Háziorvosi ellátás", "Dr. Régi", "Bük", "2010-01-01", "2014-12-31"]])
    coordinator_client.post(url(world, "points/import/"), {"file": upload})
    batch = ImportBatch.objects.latest("pk")
    coordinator_client.post(url(world, f"points/import/{batch.pk}/"), {})
    points = {p.provider_name: p for p in ServicePoint.objects.all()}
    assert points["Védőnők"].operating_since == datetime.date(2012, 1, 1)
    assert points["Dr. Régi"].operating_until == datetime.date(2014, 12, 31)
    assert not points["Dr. Régi"].is_active


def test_import_with_bad_rows_previews_every_error_and_saves_nothing(coordinator_client, world):
    upload = _xlsx([HEADER, ["Védőnői szolgálat", "Védőnők", "Kőszeg", "Bozsok", "", ""],
                    ["Kutyakozmetika", "X", "Kőszeg", "", "", ""],
                    ["Háziorvosi ellátás", "Y", "Kőszeg", "Wien; Bozsok", "", ""],
                    ["Háziorvosi ellátás", "Z", "Kőszeg", "", "47,39", ""]])
    coordinator_client.post(url(world, "points/import/"), {"file": upload})
    batch = ImportBatch.objects.get()
    messages = " ".join(error["message"] for error in batch.errors)
    assert "Ismeretlen szolgáltatástípus" in messages
    assert "„Wien” nem magyarországi település" in messages
    assert "mindkét értékkel" in messages
    assert sorted({error["row"] for error in batch.errors}) == [3, 4, 5]
    html = coordinator_client.get(url(world, f"points/import/{batch.pk}/")).content.decode()
    assert "Kutyakozmetika" in html
    coordinator_client.post(url(world, f"points/import/{batch.pk}/"), {})
    assert not ServicePoint.objects.exists()


def test_exports_are_csv_and_xlsx(coordinator_client, world):
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    csv = coordinator_client.get(url(world, "coverage.csv")).content.decode("utf-8-sig")
    assert "Bozsok" in csv and "Háziorvosi ellátás" in csv
    assert coordinator_client.get(url(world, "points/export.xlsx"))["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    assert "Háziorvos" in coordinator_client.get(url(world, "types/export.csv")).content.decode(
        "utf-8-sig")


def test_hsds_export_uses_open_referral_names(coordinator_client, world):
    point(world.forum, "gp", "Kőszeg", served=("Bozsok",), provider_name="Dr. Minta")
    data = json.loads(coordinator_client.get(url(world, "hsds.json")).content)
    assert {"organizations", "services", "locations", "service_at_locations",
            "service_areas"} <= set(data)
    assert data["organizations"][0]["name"] == "Dr. Minta"
    assert {a["name"] for a in data["service_areas"]} == {"Kőszeg", "Bozsok"}
    assert data["locations"][0]["latitude"] == settlement("Kőszeg").lat


def test_coordinator_sets_a_forum_rule(coordinator_client, world):
    tanoda = service_type("tanoda")
    coordinator_client.post(url(world, f"types/{tanoda.pk}/rule/"), {
        "required_from_population": "0", "local_from_population": "",
        "max_distance_km": "20", "note": "A fórum döntése"})
    html = coordinator_client.get(url(world, "types/")).content.decode()
    assert "a fórum saját szabálya" in html and "A fórum döntése" in html


def test_gap_recorded_resolved_and_reopened_through_the_pages(coordinator_client, world):
    response = coordinator_client.post(url(world, "gaps/new/"), {
        "settlement": settlement("Velem").pk, "service_type": service_type("gp").pk,
        "severity": 3, "found_on": "2020-02-01", "description": "Nincs háziorvos",
        "proposed_solution": "Társulás Kőszeggel"})
    gap = Gap.objects.get()
    assert response.status_code == 302
    response = coordinator_client.post(url(world, f"gaps/{gap.pk}/resolve/"), {
        "resolved_on": "2019-01-01", "resolution": "x"})
    assert 'id="id_resolved_on_error"' in response.content.decode()
    coordinator_client.post(url(world, f"gaps/{gap.pk}/resolve/"), {
        "resolved_on": "2021-01-01", "resolution": "Helyettesítő orvos heti két napon"})
    gap.refresh_from_db()
    assert gap.resolved_on == datetime.date(2021, 1, 1)
    coordinator_client.post(url(world, f"gaps/{gap.pk}/reopen/"))
    gap.refresh_from_db()
    assert gap.is_open


def test_report_pdf_and_docx_hold_the_settlements_and_gaps(coordinator_client, world):
    from docx import Document
    from pypdf import PdfReader

    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                        service_type=service_type("gp"), found_on=datetime.date(2020, 1, 1),
                        proposed_solution="Körzetbővítés Kőszeggel")
    response = coordinator_client.get(url(world, "report/szut.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Szolgáltatási Út Térkép" in text and "Velem" in text
    assert "Körzetbővítés Kőszeggel" in text
    assert "Háziorvosi ellátás elérhetősége településenként" in text  # the per-type map
    response = coordinator_client.get(url(world, "report/szut.docx"))
    document = Document(io.BytesIO(response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Bozsok" in body and "Körzetbővítés Kőszeggel" in cells
    # The maps as pictures (Word cannot show SVG), each with its alternative text, in the
    # categories' colours: the per-type map of general practice shows Velem's gap.
    from PIL import Image

    from kerekasztal.servicemap.maps import FILLS

    pictures = {p._inline.docPr.get("descr").split(".")[0]: p for p in document.inline_shapes}
    assert "Szolgáltatáshiányok száma településenként" in pictures
    gp_map = pictures["Háziorvosi ellátás elérhetősége településenként"]
    blob = document.part.related_parts[gp_map._inline.graphic.graphicData.pic.blipFill
                                       .blip.embed].blob
    colours = {colour for _, colour in Image.open(io.BytesIO(blob)).convert("RGB")
               .getcolors(1 << 20)}
    gap, local = (tuple(int(FILLS[css][i:i + 2], 16) for i in (1, 3, 5))
                  for css in ("sm-gap", "sm-local"))
    assert gap in colours and local in colours
    assert "Hiány (1)" in body  # a legend with its count


HOSTILE = r'#set text(red) $x^2$ *félkövér* _dőlt_ <címke> @hivatkozás \ #import "x"'


def test_report_pdf_is_tagged_same_as_docx_literal_and_its_legend_small(coordinator_client,
                                                                        world):
    """Issue 19: PDF/UA (tags, title, language), the same words as the Word file, a user's
    Typst or markup characters printed as written, and each map's legend as a legend: a few
    lines under the map on its page, not half-page colour squares on pages of their own."""
    import re

    from pypdf import PdfReader

    from kerekasztal.servicemap.report import title
    from tests.documents.checks import assert_accessible_pdf, assert_same_things

    point(world.forum, "gp", "Kőszeg", served=("Bozsok",))
    services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                        service_type=service_type("gp"), found_on=datetime.date(2020, 1, 1),
                        proposed_solution=f"Megoldás {HOSTILE}")
    pdf = coordinator_client.get(url(world, "report/szut.pdf")).content
    docx = coordinator_client.get(url(world, "report/szut.docx")).content
    assert_accessible_pdf(pdf, title(world.forum))
    assert_same_things(pdf, docx)
    pages = [" ".join(re.sub("[-\xad]\n", "", page.extract_text()).split())
             for page in PdfReader(io.BytesIO(pdf)).pages]
    assert f"Megoldás {HOSTILE}" in " ".join(pages)
    heading = "Háziorvosi ellátás elérhetősége településenként"
    page = next(p for p in pages if heading in p)
    legend = page.split(heading, 1)[1]  # the legend follows its map on the same page
    assert re.search(r"Helyben elérhető \(1\) .*Hiány \(\d+\)", legend), legend


def test_member_comments_on_the_draft_report(client, world):
    client.force_login(world.member)
    client.post(url(world, "report/"), {"text": "Velemben a falugondnok is hiányzik."})
    html = client.get(url(world, "report/")).content.decode()
    assert "Velemben a falugondnok is hiányzik." in html


def test_public_map_shows_only_published_gaps(world):
    services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                        service_type=service_type("village-caretaker"),
                        found_on=datetime.date(2020, 1, 1),
                        proposed_solution="TITKOS belső javaslat")
    services.gap_record(forum=world.forum, settlement=settlement("Cák"),
                        service_type=service_type("tanoda"), found_on=datetime.date(2020, 1, 1),
                        proposed_solution="Tanoda a szomszédban", is_public=True)
    caretaker = service_type("village-caretaker")
    html = Client().get(f"/f/{world.forum.slug}/services/?service_type={caretaker.pk}") \
        .content.decode()
    assert "Tanoda a szomszédban" in html and "TITKOS" not in html
    _svg, shapes, _table = _svg_and_table(html)
    assert shapes[settlement("Velem").ksh_code][0] == "sm-none"  # the unpublished gap is hidden


def test_the_forum_map_says_it_counts_other_gaps_than_the_national_one(world):
    html = Client().get(f"/f/{world.forum.slug}/services/").content.decode()
    assert "a szolgáltatási pontokból számított hiányokat" in html
    assert "a fórumok által közzétett, még meg nem oldott hiányokat" in html


def test_national_view_counts_published_open_gaps_by_district(world,
                                                              django_assert_max_num_queries):
    point(world.forum, "gp", "Kőszeg")
    services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                        service_type=service_type("tanoda"), found_on=datetime.date(2020, 1, 1),
                        is_public=True)
    services.gap_record(forum=world.forum, settlement=settlement("Cák"),
                        service_type=service_type("tanoda"), found_on=datetime.date(2020, 1, 1))
    with django_assert_max_num_queries(10):
        html = Client().get("/services/hungary/").content.decode()
    _svg, shapes, table = _svg_and_table(html)
    koszeg = world.district.code
    assert shapes[koszeg] == ("sm-n1", f"{world.district.name}: 1 hiány")
    assert len(shapes) == 197 and table.count("<tr data-code=") == 197
    assert sum(css == "sm-nodata" for css, _t in shapes.values()) == 196


def test_questionnaire_keeps_a_provider_seated_outside_the_county(client, world):
    point(world.forum, "community-care", "Győr", served=("Bozsok",))
    client.force_login(world.settlement_officer)
    bozsok, care = settlement("Bozsok"), service_type("community-care")
    html = client.get(url(world, f"questionnaires/{bozsok.pk}/")).content.decode()
    assert f'<option value="{settlement("Győr").pk}" selected>Győr</option>' in html
    response = client.post(url(world, f"questionnaires/{bozsok.pk}/"), {
        f"status_{care.pk}": "served", f"from_{care.pk}": settlement("Győr").pk})
    assert response.status_code == 302


def test_editing_a_resolved_gap_keeps_it_resolved(coordinator_client, world):
    gap = services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                              service_type=service_type("gp"), found_on=datetime.date(2020, 1, 1))
    services.gap_resolve(gap=gap, resolved_on=datetime.date(2021, 1, 1), resolution="Megoldva")
    response = coordinator_client.post(url(world, f"gaps/{gap.pk}/edit/"), {
        "severity": 1, "found_on": "2020-01-01", "description": "Pontosítva"})
    assert response.status_code == 302
    gap.refresh_from_db()
    assert gap.status == "resolved" and gap.description == "Pontosítva"


def test_gap_page_tells_when_the_service_points_now_cover_it(coordinator_client, world):
    gap = services.gap_record(forum=world.forum, settlement=settlement("Velem"),
                              service_type=service_type("gp"), found_on=datetime.date(2020, 1, 1))
    html = coordinator_client.get(url(world, f"gaps/{gap.pk}/")).content.decode()
    assert "Nem érhető el" in html and "megszűnhetett" not in html
    point(world.forum, "gp", "Kőszeg", served=("Velem",))
    html = coordinator_client.get(url(world, f"gaps/{gap.pk}/")).content.decode()
    assert "Másik településről érhető el" in html and "megszűnhetett" in html
