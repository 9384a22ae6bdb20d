"""The plans' workspace pages: who may do what, forms, errors next to fields."""

import datetime

import pytest
from django.urls import reverse

from kerekasztal.plans.models import Comment, Measure, Plan, Problem
from tests.conftest import login

from .factories import adopt, make_measure, make_plan, make_problem, target_group

pytestmark = pytest.mark.django_db


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"forum": plan.forum.slug, "pk": plan.pk, **kwargs})


def test_settlement_officer_starts_only_their_settlements_hep(client, world):
    login(client, world.settlement_officer)
    page = client.get(reverse("plans:plan_create", kwargs={"forum": world.forum.slug}))
    assert list(page.context["form"].fields["settlement"].queryset) == [world.settlement]
    # their only settlement is already chosen
    assert page.context["form"]["settlement"].value() == world.settlement.pk
    response = client.post(reverse("plans:plan_create", kwargs={"forum": world.forum.slug}), {
        "scope": "settlement", "settlement": world.settlement.pk, "title": "Bozsok HEP",
        "period_start": 2024, "period_end": 2028})
    assert response.status_code == 302
    assert Plan.objects.get().settlement == world.settlement


def test_settlement_officer_cannot_edit_another_settlements_hep(client, world):
    velem = make_plan(world.forum, settlement="Velem")
    login(client, world.settlement_officer)
    assert client.get(url("measure_create", velem)).status_code == 403
    assert client.get(url("plan_detail", velem)).status_code == 200


def test_officer_writes_a_measure_with_a_warning_for_a_late_deadline(client, world, hep):
    login(client, world.settlement_officer)
    response = client.post(url("measure_create", hep), {
        "number": 1, "title": "Játszótér felújítása", "target_group": target_group("children").pk,
        "responsible": "Bozsok Község Önkormányzata", "deadline": "2031-06-30", "weight": 1,
    }, follow=True)
    assert Measure.objects.get().title == "Játszótér felújítása"
    assert "kívül esik a program időszakán" in response.content.decode()


def test_measure_form_shows_errors_next_to_fields(client, world, hep):
    login(client, world.coordinator)
    response = client.post(url("measure_create", hep), {"number": 1, "weight": 1})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_title_error"' in html and 'id="id_target_group_error"' in html
    assert not Measure.objects.exists()


def test_adoption_refused_while_a_measure_has_no_responsible(client, world, hep):
    make_measure(hep, responsible="")
    login(client, world.coordinator)
    client.post(url("plan_status", hep), {"status": "consultation"})
    response = client.post(url("plan_status", hep), {
        "status": "adopted", "resolution_number": "45/2024.", "adopted_on": "2024-06-27"},
        follow=True)
    assert "Felelős nélküli intézkedések" in response.content.decode()
    assert Plan.objects.get().status == "consultation"


def test_member_comments_and_coordinator_decides(client, world, hep):
    measure = make_measure(hep)
    login(client, world.coordinator)
    client.post(url("plan_status", hep), {"status": "consultation"})
    login(client, world.member)
    client.post(url("comment_add", hep), {"text": "Vonjuk be a védőnőt.",
                                          "measure": measure.pk})
    comment = Comment.objects.get()
    assert comment.measure == measure and comment.author == world.member
    assert client.get(url("comment_decide", hep, comment=comment.pk)).status_code == 403
    login(client, world.coordinator)
    response = client.post(url("comment_decide", hep, comment=comment.pk),
                           {"decision": "rejected", "decision_reason": ""})
    assert 'id="id_decision_reason_error"' in response.content.decode()
    client.post(url("comment_decide", hep, comment=comment.pk),
                {"decision": "accepted", "decision_reason": "Beépítjük."})
    report = client.get(url("consultation", hep)).content.decode()
    assert "Vonjuk be a védőnőt." in report and "Beépítjük." in report


def test_member_reports_progress_only_for_their_organisations_measure(client, world, hep):
    own = make_measure(hep, responsible_organisation=world.organisation, responsible="")
    other = make_measure(hep, title="Más felelőse")
    adopt(hep)
    login(client, world.member)
    assert client.get(url("measure_progress", hep, measure=other.pk)).status_code == 403
    response = client.post(url("measure_progress", hep, measure=own.pk), {
        "reported_on": "2025-03-01", "status": "in_progress", "percent": 30,
        "narrative": "Elindult a klub."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.status, own.percent) == ("in_progress", 30)


def test_coordinator_adopts_a_rollup_group(client, world, district_plan):
    sources = [make_problem(make_plan(world.forum, settlement=name)) for name in ("Velem", "Cák")]
    login(client, world.coordinator)
    page = client.get(url("rollup", district_plan))
    assert page.status_code == 200
    client.post(url("rollup_adopt", district_plan), {
        "kind": "problem", "items": ",".join(str(p.pk) for p in sources)})
    adopted = Problem.objects.get(plan=district_plan)
    assert set(adopted.sources.all()) == set(sources)


def test_rollup_adopt_ignores_records_of_other_districts(client, world, district_plan):
    from kerekasztal.territory.models import District
    from tests.factories import ForumFactory

    other_forum = ForumFactory(district=District.objects.get(name="Kunszentmiklósi járás"))
    foreign = make_problem(make_plan(other_forum, settlement="Kunszentmiklós"))
    login(client, world.coordinator)
    client.post(url("rollup_adopt", district_plan), {"kind": "problem", "items": str(foreign.pk)})
    assert not Problem.objects.filter(plan=district_plan).exists()


def test_drafts_are_not_public_adopted_plans_are(client, world, hep):
    make_measure(hep, title="Nyilvános intézkedés")
    public_list = reverse("plans:public_list", kwargs={"forum": world.forum.slug})
    assert hep.title not in client.get(public_list).content.decode()
    assert client.get(reverse("plans:public_detail", kwargs={
        "forum": world.forum.slug, "pk": hep.pk})).status_code == 404
    adopt(hep)
    assert hep.title in client.get(public_list).content.decode()
    page = client.get(reverse("plans:public_detail", kwargs={
        "forum": world.forum.slug, "pk": hep.pk}))
    assert "Nyilvános intézkedés" in page.content.decode()


def _measures(plan, n):
    for i in range(n):
        make_measure(plan, title=f"Intézkedés {i}", responsible_organisation=None,
                     deadline=datetime.date(2026, 1, 1))
        make_problem(plan, title=f"Probléma {i}")


@pytest.mark.parametrize("name", ["plan_detail", "public_detail"])
def test_plan_pages_query_count_does_not_grow(client, world, hep, name,
                                              django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.coordinator)
    _measures(hep, 2)
    adopt(hep) if name == "public_detail" else None
    target = (reverse("plans:public_detail", kwargs={"forum": world.forum.slug, "pk": hep.pk})
              if name == "public_detail" else url("plan_detail", hep))
    client.get(target)
    with CaptureQueriesContext(connection) as small:
        assert client.get(target).status_code == 200
    Plan.objects.filter(pk=hep.pk).update(status="draft")
    _measures(Plan.objects.get(pk=hep.pk), 10)
    if name == "public_detail":
        Plan.objects.filter(pk=hep.pk).update(status="adopted")
    with CaptureQueriesContext(connection) as large:
        assert client.get(target).status_code == 200
    assert len(large) == len(small)


def test_plan_list_query_count_does_not_grow(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.coordinator)
    target = reverse("plans:plan_list", kwargs={"forum": world.forum.slug})
    names = ["Bozsok", "Velem", "Cák", "Kőszegdoroszló", "Kőszegpaty", "Kőszegszerdahely",
             "Horvátzsidány", "Ólmod", "Peresznye", "Pusztacsó", "Kiszsidány", "Lukácsháza"]
    for name in names[:2]:
        make_plan(world.forum, settlement=name)
    client.get(target)
    with CaptureQueriesContext(connection) as small:
        client.get(target)
    for name in names[2:]:
        make_plan(world.forum, settlement=name)
    with CaptureQueriesContext(connection) as large:
        response = client.get(target)
    assert len(response.context["plans"]) == 12
    assert len(large) == len(small)


def test_exports_list_what_the_page_shows(client, world, hep):
    make_measure(hep, title="Exportált intézkedés")
    login(client, world.auditor)
    csv = client.get(url("measure_export", hep, fmt="csv")).content.decode("utf-8-sig")
    assert "Exportált intézkedés" in csv and "Az intézkedés címe" in csv
    listing = client.get(reverse("plans:plan_export", kwargs={"forum": world.forum.slug,
                                                              "fmt": "csv"}))
    assert hep.title in listing.content.decode("utf-8-sig")


def _count_queries(client, target):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


def test_rollup_page_query_count_does_not_grow(client, world, district_plan):
    login(client, world.coordinator)
    names = ["Bozsok", "Velem", "Cák", "Kőszegdoroszló", "Kőszegpaty", "Kőszegszerdahely",
             "Horvátzsidány", "Ólmod", "Peresznye", "Pusztacsó", "Kiszsidány", "Lukácsháza"]
    target = url("rollup", district_plan)

    def add(settlements):
        for name in settlements:
            hep = make_plan(world.forum, settlement=name)
            make_problem(hep, f"Probléma {name}")
            make_measure(hep, f"Intézkedés {name}")

    add(names[:2])
    client.get(target)
    small = _count_queries(client, target)
    add(names[2:])
    assert _count_queries(client, target) == small


def test_consultation_report_query_count_does_not_grow(client, world, hep):
    from kerekasztal.plans import services

    measures = [make_measure(hep, f"M{i}") for i in range(12)]
    services.plan_set_status(plan=hep, status="consultation")
    hep.refresh_from_db()
    login(client, world.coordinator)
    target = url("consultation", hep)

    def comment(measure):
        services.comment_add(plan=hep, author=world.member, text="x", measure=measure)

    for measure in measures[:2]:
        comment(measure)
    client.get(target)
    small = _count_queries(client, target)
    for measure in measures[2:]:
        comment(measure)
    assert _count_queries(client, target) == small


def test_draft_measure_can_be_deleted_adopted_cannot(client, world, hep):
    first = make_measure(hep, title="Első")
    second = make_measure(hep, title="Második")
    login(client, world.settlement_officer)
    client.post(url("measure_delete", hep, measure=first.pk))
    assert list(Measure.objects.values_list("title", flat=True)) == ["Második"]
    adopt(hep)
    response = client.post(url("measure_delete", hep, measure=second.pk), follow=True)
    assert "nem módosítható" in response.content.decode()
    assert Measure.objects.filter(pk=second.pk).exists()


def test_officer_types_a_figure_into_a_statistical_table(client, world, hep):
    from kerekasztal.plans import services

    statistic = services.statistic_create(plan=hep, chapter="elderly", name="65 év felettiek")
    login(client, world.settlement_officer)
    target = url("statistic_value", hep, statistic=statistic.pk)
    cell = f"v_{world.settlement.pk}_2023"
    bad = client.post(f"{target}?first_year=2023&last_year=2023", {cell: "x"})
    assert f'id="id_{cell}_error"' in bad.content.decode()
    client.post(f"{target}?first_year=2023&last_year=2023", {cell: "98"})
    page = client.get(url("chapter", hep, kind="elderly"))
    assert page.context["tables"][0].rows == [("Bozsok", [98])]


def test_member_comments_on_the_plan_as_a_whole(client, world, hep):
    from kerekasztal.plans import services

    services.plan_set_status(plan=hep, status="consultation")
    login(client, world.member)
    assert "Észrevétel a program egészéhez" in client.get(
        url("consultation", hep)).content.decode()
    response = client.post(url("comment_add", hep), {"text": "Jó irány."}, follow=True)
    assert "A program egésze" in response.content.decode()
    assert Comment.objects.get().measure is None


def test_progress_evidence_file_is_uploaded_and_downloaded_only_by_who_may(
        client, world, hep, media):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from kerekasztal.plans.models import Progress

    own = make_measure(hep, responsible_organisation=world.organisation, responsible="")
    adopt(hep)
    login(client, world.member)
    scan = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    bad = client.post(url("measure_progress", hep, measure=own.pk), {
        "reported_on": "2025-03-01", "status": "in_progress", "percent": 30,
        "narrative": "Elindult a klub.",
        "evidence_file": SimpleUploadedFile("ivek.exe", b"MZ\x90\x00", "application/pdf")})
    assert 'id="id_evidence_file_error"' in bad.content.decode()
    assert not Progress.objects.exists()  # nothing half-saved
    client.post(url("measure_progress", hep, measure=own.pk), {
        "reported_on": "2025-03-01", "status": "in_progress", "percent": 30,
        "narrative": "Elindult a klub.", "evidence": "Jelenléti ív, 2025. március 1.",
        "evidence_file": SimpleUploadedFile("jelenleti-iv.pdf", scan, "application/pdf")})
    report = Progress.objects.get()
    assert report.evidence_file
    file_url = url("progress_evidence", hep, measure=own.pk, progress=report.pk)
    assert file_url in client.get(url("measure_detail", hep, measure=own.pk)).content.decode()
    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == scan

    others = Client()
    for user, status in ((world.auditor, 200), (world.coordinator, 200),
                         (world.settlement_officer, 200), (world.outsider, 403)):
        others.force_login(user)
        assert others.get(file_url).status_code == status, user
    # A member whose organisation is not responsible sees that a file exists, not the file.
    stranger = make_measure(hep, title="Más felelőse")
    Progress.objects.filter(pk=report.pk).update(measure=stranger)
    file_url = url("progress_evidence", hep, measure=stranger.pk, progress=report.pk)
    assert client.get(file_url).status_code == 403
    html = client.get(url("measure_detail", hep, measure=stranger.pk)).content.decode()
    assert file_url not in html and "csatolt bizonyíték" in html
    # Never on the public site.
    response = Client().get(reverse("plans:public_detail",
                                    kwargs={"forum": world.forum.slug, "pk": hep.pk}))
    assert response.status_code == 200 and "Elindult a klub." in response.content.decode()
    assert "/evidence/" not in response.content.decode()


def test_plan_pages_show_measures_a_page_at_a_time_and_reach_every_one(client, world, hep):
    from kerekasztal.plans import views

    for number in range(1, views.MEASURES_PER_PAGE + 3):
        make_measure(hep, title=f"Intézkedés {number:03d}", number=number)
    login(client, world.coordinator)
    first = client.get(url("plan_detail", hep)).content.decode()
    assert "Intézkedés 001" in first and "Intézkedés 052" not in first
    assert f"{views.MEASURES_PER_PAGE + 2} intézkedés" in first  # the summary counts all
    assert "?page=2#measures" in first
    second = client.get(url("plan_detail", hep) + "?page=2").content.decode()
    assert "Intézkedés 052" in second and "Intézkedés 001" not in second
    adopt(hep)
    hep.refresh_from_db()
    client.logout()
    public = client.get(url("public_detail", hep)).content.decode()
    assert "Intézkedés 020" in public and "Intézkedés 021" not in public
    last = client.get(url("public_detail", hep) + "?page=3").content.decode()
    assert "Intézkedés 052" in last


def test_chapter_tables_write_numbers_as_hungarians_read_them(client, world, hep):
    """'12 345' with a narrow no-break space, '12,5' with a decimal comma (not '12345',
    '12.5')."""
    from decimal import Decimal

    from kerekasztal.plans import services

    statistic = services.statistic_create(plan=hep, chapter="elderly", name="Lakónépesség")
    services.statistic_set_value(statistic=statistic, settlement=hep.settlement, year=2022,
                                 value=12345)
    services.statistic_set_value(statistic=statistic, settlement=hep.settlement, year=2023,
                                 value=Decimal("12.5"))
    login(client, world.settlement_officer)
    html = client.get(url("chapter", hep, kind="elderly")).content.decode()
    assert '<td class="num">12\u202f345</td>' in html
    assert '<td class="num">12,5</td>' in html
    assert "12345" not in html


def test_progress_percentages_have_no_space_before_the_sign(client, world, hep):
    from kerekasztal.plans import services

    measure = make_measure(hep, title="Családi napközi")
    plan = adopt(hep)
    services.measure_report_progress(measure=measure, reported_on=datetime.date(2025, 2, 1),
                                     status="in_progress", percent=40, narrative="Halad.")
    login(client, world.coordinator)
    html = client.get(url("measure_detail", plan, measure=measure.pk)).content.decode()
    assert "40%" in html and "40 %" not in html and "40\u00a0%" not in html
