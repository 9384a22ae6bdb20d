"""Issue 17 (plans): what the coordinator and the settlement's HEP officer could not do."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kerekasztal.core.forms import DecimalCommaField
from kerekasztal.plans import queries, services
from kerekasztal.plans.models import Measure, Plan, PlanReview, Problem, StatisticValue
from tests.conftest import login

from .factories import adopt, make_measure, make_plan, make_problem, target_group

pytestmark = pytest.mark.django_db


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"forum": plan.forum.slug, "pk": plan.pk, **kwargs})


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


# 1. The district programme plan can be started from the interface.


def test_coordinator_starts_the_district_plan_of_the_roundtables_district(client, world):
    login(client, world.coordinator)
    new = reverse("plans:plan_create", kwargs={"forum": world.forum.slug})
    scopes = [value for value, _label in client.get(new).context["form"].fields["scope"].choices]
    assert scopes == ["settlement", "district"]
    response = client.post(new, {"scope": "district", "title": "Kőszegi Járási Programterv",
                                 "period_start": 2027, "period_end": 2031})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.scope, plan.district, plan.settlement) == ("district", world.district, None)


def test_only_settlement_of_the_officer_is_preselected(client, world):
    login(client, world.settlement_officer)
    form = client.get(reverse("plans:plan_create", kwargs={"forum": world.forum.slug})
                      ).context["form"]
    assert form["settlement"].value() == world.settlement.pk
    assert form["scope"].value() == "settlement"


# 2. The HEP officer submits the HEP and records its review.


def test_officer_submits_the_hep_and_the_coordinators_are_told(
        client, world, hep, django_capture_on_commit_callbacks):
    make_measure(hep)
    login(client, world.settlement_officer)
    assert "Benyújtás elfogadásra" in client.get(url("plan_detail", hep)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("plan_submit", hep), follow=True)
    assert "koordinátorait e-mailben értesítettük" in response.content.decode()
    hep.refresh_from_db()
    assert hep.status == "submitted" and hep.submitted_at is not None
    [message] = mail.outbox
    assert message.to == [world.coordinator.email]
    assert "Bozsok" in message.body and f"/plans/{hep.pk}/" in message.body
    # The coordinator sees it submitted and records the settlement's adopting decision.
    login(client, world.coordinator)
    assert "Benyújtva" in client.get(url("plan_detail", hep)).content.decode()
    client.post(url("plan_status", hep), {"status": "adopted", "resolution_number": "12/2025.",
                                          "adopted_on": "2025-02-27"})
    hep.refresh_from_db()
    assert hep.status == "adopted"


def test_coordinator_returns_a_submitted_hep_with_the_reason_and_the_officer_is_told(
        client, world, hep, django_capture_on_commit_callbacks):
    make_measure(hep)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(plan=hep, user=world.settlement_officer)
    mail.outbox = []
    login(client, world.coordinator)
    page = client.get(url("plan_detail", hep)).content.decode()
    assert "Visszaküldés átdolgozásra" in page and "A visszaküldés indoka" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("plan_status", hep), {"status": "draft",
                                              "note": "Hiányzik a gyermekek fejezete."})
    hep.refresh_from_db()
    assert hep.status == "draft" and hep.returned_at is not None
    assert hep.return_note == "Hiányzik a gyermekek fejezete."
    [message] = mail.outbox
    assert message.to == [world.settlement_officer.email]
    assert "Hiányzik a gyermekek fejezete." in message.body and "Tervezet" in message.subject
    # The officer sees why on the plan's page, and submitting again clears it.
    login(client, world.settlement_officer)
    page = client.get(url("plan_detail", hep)).content.decode()
    assert "átdolgozásra visszaküldte" in page and "Hiányzik a gyermekek fejezete." in page
    services.plan_submit(plan=hep, user=world.settlement_officer)
    hep.refresh_from_db()
    assert hep.returned_at is None and hep.return_note == ""


def test_the_coordinator_hears_of_the_notice_only_when_an_officer_was_told(
        client, world, hep, django_capture_on_commit_callbacks):
    from kerekasztal.forums.models import ForumAccess

    make_measure(hep)
    services.plan_submit(plan=hep, user=world.settlement_officer)
    login(client, world.coordinator)
    told = "A település HEP-felelősét e-mailben értesítettük."
    response = client.post(url("plan_status", hep), {"status": "draft", "note": "Pótolni."},
                           follow=True)
    assert told in response.content.decode()
    services.plan_submit(plan=hep, user=world.settlement_officer)
    ForumAccess.objects.filter(user=world.settlement_officer).delete()  # nobody to tell
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("plan_status", hep), {"status": "draft", "note": "Újra."},
                               follow=True)
    page = response.content.decode()
    assert "A program állapota: Tervezet." in page and told not in page
    assert mail.outbox == []


def test_adopting_a_submitted_hep_tells_its_officer(world, hep,
                                                     django_capture_on_commit_callbacks):
    make_measure(hep)
    services.plan_submit(plan=hep, user=world.settlement_officer)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_set_status(plan=hep, status="adopted", user=world.coordinator,
                                 resolution_number="12/2025.",
                                 adopted_on=datetime.date(2025, 2, 27))
    [message] = mail.outbox
    assert message.to == [world.settlement_officer.email] and "Elfogadva" in message.subject


def test_returning_a_plan_not_submitted_keeps_no_reason(world, hep):
    services.plan_set_status(plan=hep, status="consultation", user=world.coordinator)
    services.plan_set_status(plan=hep, status="draft", user=world.coordinator, note="x")
    hep.refresh_from_db()
    assert hep.returned_at is None and hep.return_note == "" and mail.outbox == []


def test_officer_cannot_submit_another_settlements_hep(client, world):
    velem = make_plan(world.forum, settlement="Velem")
    login(client, world.settlement_officer)
    assert client.post(url("plan_submit", velem)).status_code == 403
    assert Plan.objects.get(pk=velem.pk).status == "draft"


def test_officer_records_the_two_year_review_of_their_hep(client, world, hep):
    adopt(hep)
    login(client, world.settlement_officer)
    assert "Felülvizsgálat rögzítése" in client.get(url("plan_detail", hep)).content.decode()
    response = client.post(url("plan_review", hep), {"reviewed_on": "2026-06-25",
                                                      "outcome": "unchanged"})
    assert response.status_code == 302
    assert PlanReview.objects.get().plan == hep
    velem = adopt(make_plan(world.forum, settlement="Velem"))
    assert client.get(url("plan_review", velem)).status_code == 403


# 4. Roll-up.


def test_a_group_is_taken_over_once(client, world, district_plan):
    bozsok, velem = make_plan(world.forum), make_plan(world.forum, settlement="Velem")
    make_problem(bozsok, "Nincs helyben bölcsőde", group="children")
    make_problem(velem, "Nincs helyben bölcsőde", group="children")
    login(client, world.coordinator)
    items = ",".join(str(p.pk) for p in Problem.objects.filter(plan__in=[bozsok, velem]))
    client.post(url("rollup_adopt", district_plan), {"kind": "problem", "items": items})
    page = client.get(url("rollup", district_plan)).content.decode()
    assert "Átvétel a programba: Nincs helyben bölcsőde" not in page
    assert "átvéve" in page
    response = client.post(url("rollup_adopt", district_plan),
                           {"kind": "problem", "items": items}, follow=True)
    assert "már átvette" in response.content.decode()
    assert district_plan.problems.count() == 1


def test_rollup_uses_each_settlements_hep_in_force_for_the_period(world):
    district = make_plan(world.forum, scope="district", period_start=2027, period_end=2031)
    old = make_plan(world.forum, title="Bozsok HEP 2024–2028")
    make_problem(old, "Régi probléma")
    adopt(old)
    new = make_plan(world.forum, title="Bozsok HEP 2027–2031", period_start=2027,
                    period_end=2031)
    make_problem(new, "Új probléma", group="children")
    # While the new one is being written, the old one is in force: listed once.
    assert [row[0] for row in queries.counts_by_territory(district)] == ["Bozsok"]
    assert [g.title for g in queries.rollup_problems(district)] == ["Régi probléma"]
    adopt(new, on=datetime.date(2026, 11, 30))
    assert [row[0] for row in queries.counts_by_territory(district)] == ["Bozsok"]
    assert [g.title for g in queries.rollup_problems(district)] == ["Új probléma"]
    # A HEP whose period ends before the plan's starts does not roll up at all.
    Plan.objects.filter(pk=new.pk).update(status="draft")
    Plan.objects.filter(pk=old.pk).update(status="adopted", period_end=2026)
    assert [g.title for g in queries.rollup_problems(district)] == ["Új probléma"]


def test_adopting_a_newer_hep_supersedes_the_old_one(client, world):
    old = adopt(make_plan(world.forum))
    new = make_plan(world.forum, title="Bozsok HEP 2027–2031", period_start=2027,
                    period_end=2031)
    services.plan_set_status(plan=new, status="consultation")
    login(client, world.coordinator)
    response = client.post(url("plan_status", new), {
        "status": "adopted", "resolution_number": "3/2026.", "adopted_on": "2026-01-29"},
        follow=True)
    assert "hatályon kívül került" in response.content.decode()
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == ("superseded", new)
    assert "Hatályon kívül" in client.get(url("plan_detail", old)).content.decode()


def test_rolled_up_measure_keeps_responsible_deadline_and_problems(world, district_plan):
    bozsok, velem = make_plan(world.forum), make_plan(world.forum, settlement="Velem")
    problems = [make_problem(bozsok, "Nincs bölcsőde", group="children"),
                make_problem(velem, "Nincs bölcsőde", group="children")]
    make_measure(bozsok, "Családi bölcsőde", group="children", problems=[problems[0]],
                 responsible_organisation=world.organisation, responsible="",
                 deadline=datetime.date(2027, 9, 1))
    make_measure(velem, "Családi bölcsőde", group="children", problems=[problems[1]],
                 responsible="Velem Község Önkormányzata", deadline=datetime.date(2028, 6, 30))
    district_problem = services.rollup_adopt_problem(plan=district_plan, sources=problems)
    group = queries.rollup_measures(district_plan)[0]
    measure = services.rollup_adopt_measure(plan=district_plan, sources=group.items)
    assert measure.responsible == "Bozsok Község Önkormányzata; Velem Község Önkormányzata"
    assert measure.deadline == datetime.date(2028, 6, 30)
    assert list(measure.problems.all()) == [district_problem]
    assert services.adoption_problems(district_plan) == []


# 6. Forms on the same page do not lose each other's input.


def test_adding_an_indicator_keeps_and_saves_the_typed_chapter_text(client, world, hep):
    login(client, world.settlement_officer)
    target = url("chapter", hep, kind="children")
    text = "A településen 42 gyermek él."
    bad = client.post(target, {"text": text, "add_statistic": "1", "statistic-name": ""})
    html = bad.content.decode()
    assert text in html and 'id="id_statistic-name_error"' in html
    client.post(target, {"text": text, "add_statistic": "1",
                         "statistic-name": "0–2 évesek", "statistic-unit": "fő"})
    assert hep.chapters.get(kind="children").text == text
    assert hep.statistics.get().name == "0–2 évesek"


def test_a_file_input_emptied_by_an_error_says_so(client, world, hep, media):
    measure = make_measure(hep)
    adopt(hep)
    login(client, world.coordinator)
    response = client.post(url("measure_progress", hep, measure=measure.pk), {
        "reported_on": tomorrow(), "status": "in_progress", "percent": 10, "narrative": "x",
        "evidence_file": SimpleUploadedFile("iv.pdf", b"%PDF-1.4\n%%EOF\n")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "A fájlt újra ki kell választani." in html and 'id="id_evidence_file_error"' in html


# 7. Adoption and review dates cannot be in the future.


def test_adoption_in_the_future_is_refused_next_to_the_field(client, world, hep):
    make_measure(hep)
    services.plan_set_status(plan=hep, status="consultation")
    login(client, world.coordinator)
    response = client.post(url("plan_status", hep), {
        "status": "adopted", "resolution_number": "1/2027.", "adopted_on": tomorrow()})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_adopted_on_error"' in html
    assert "nem lehet a jövőben" in html
    assert Plan.objects.get(pk=hep.pk).status == "consultation"
    with pytest.raises(services.ValidationError):
        services.plan_set_status(plan=hep, status="adopted", resolution_number="1/2027.",
                                 adopted_on=timezone.localdate() + datetime.timedelta(days=1))


def test_review_in_the_future_is_refused_next_to_the_field(client, world, hep):
    adopt(hep)
    login(client, world.coordinator)
    response = client.post(url("plan_review", hep), {"reviewed_on": tomorrow(),
                                                      "outcome": "unchanged"})
    assert 'id="id_reviewed_on_error"' in response.content.decode()
    assert not PlanReview.objects.exists()


# 10. Decimal commas and percentages.


@pytest.mark.parametrize(("typed", "value"), [
    ("11,5", Decimal("11.5")), ("1 250,75", Decimal("1250.75")), ("7.25", Decimal("7.25")),
    ("1\u00a0000", Decimal("1000")), ("-3,5", Decimal("-3.5"))])
def test_decimal_comma_field_reads_what_hungarians_type(typed, value):
    assert DecimalCommaField(max_digits=14, decimal_places=2).clean(typed) == value


def test_decimal_comma_field_refuses_text_with_a_message():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        DecimalCommaField().clean("sok")


def test_a_whole_statistics_table_in_one_form_with_decimal_commas(client, world, district_plan):
    statistic = services.statistic_create(plan=district_plan, chapter="children",
                                          name="Bölcsődei férőhelyek aránya", unit="%")
    login(client, world.coordinator)
    target = url("statistic_value", district_plan, statistic=statistic.pk)
    page = client.get(f"{target}?first_year=2022&last_year=2023")
    form = page.context["form"]
    assert len(form.fields) == 2 * district_plan.settlements().count()
    bozsok, velem = world.settlement.pk, district_plan.settlements().get(name="Velem").pk
    response = client.post(f"{target}?first_year=2022&last_year=2023", {
        f"v_{bozsok}_2022": "11,5", f"v_{bozsok}_2023": "12,25", f"v_{velem}_2023": "3"})
    assert response.status_code == 302
    values = {(v.settlement_id, v.year): v.value for v in StatisticValue.objects.all()}
    assert values == {(bozsok, 2022): Decimal("11.5"), (bozsok, 2023): Decimal("12.25"),
                      (velem, 2023): Decimal("3")}
    # An emptied cell clears the figure; the others stay.
    client.post(f"{target}?first_year=2022&last_year=2023", {
        f"v_{bozsok}_2022": "", f"v_{bozsok}_2023": "12,25", f"v_{velem}_2023": "3"})
    assert StatisticValue.objects.count() == 2


def test_progress_percent_is_rounded_not_truncated(world, hep):
    measures = [make_measure(hep, title=f"Intézkedés {n}") for n in range(3)]
    for measure, percent in zip(measures, (100, 0, 0), strict=True):
        measure.percent = percent
    total, _groups = queries.progress_rollup(measures)
    assert total.percent == Decimal("33.3")
    measures[1].percent = 1
    assert queries.progress_rollup(measures)[0].percent == Decimal("33.7")


# 11. Fewer clicks.


def test_measure_for_a_problem_starts_with_its_target_group(client, world, hep):
    problem = make_problem(hep, "Egyedül élő idősek", group="elderly")
    login(client, world.settlement_officer)
    form = client.get(url("measure_create", hep) + f"?problem={problem.pk}").context["form"]
    assert form["target_group"].value() == target_group("elderly").pk
    assert form["problems"].value() == [problem.pk]
    response = client.post(url("measure_create", hep), {
        "number": 1, "title": "Idősek klubja", "problems": [problem.pk],
        "responsible": "Bozsok Község Önkormányzata", "weight": 1})
    assert response.status_code == 302
    assert Measure.objects.get().target_group == target_group("elderly")


def test_workspace_front_page_lists_hep_waiting_on_the_viewer(client, world, hep):
    make_measure(hep)
    velem = make_plan(world.forum, settlement="Velem")
    workspace = reverse("forums:workspace", kwargs={"forum": world.forum.slug})
    login(client, world.coordinator)
    assert "Nincs elfogadásra váró HEP." in client.get(workspace).content.decode()
    services.plan_submit(plan=hep, user=world.settlement_officer)
    page = client.get(workspace).content.decode()
    assert "Elfogadásra benyújtott HEP-ek" in page and hep.title in page
    services.plan_set_status(plan=hep, status="draft", user=world.coordinator, note="Hiányos.")
    login(client, world.settlement_officer)
    page = client.get(workspace).content.decode()
    assert "Települése készülő programjai" in page and "átdolgozásra visszaküldve" in page
    assert velem.title not in page  # another settlement's
    login(client, world.member)
    assert "hep-desk-heading" not in client.get(workspace).content.decode()
