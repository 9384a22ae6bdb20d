"""Plans: every member of the forum reads plans (members comment on drafts); coordinators and
the settlement's HEP officer edit a settlement's HEP; only coordinators adopt and roll up."""

import datetime

from . import MISSING, ROLES, Row, forum, public, workspace

ALL = ("member", "settlement_officer", "auditor", "coordinator")
EDIT = ("coordinator", "settlement_officer")
MANAGE = ("coordinator",)


def _plan(w, *, settlement="Bozsok", status="draft", scope="settlement"):
    from kerekasztal.core.models import TargetGroup
    from kerekasztal.plans import services
    from kerekasztal.plans.models import Plan
    from kerekasztal.territory.models import Settlement

    data = {"scope": scope, "title": f"Program {settlement}", "period_start": 2024,
            "period_end": 2028}
    if scope == "settlement":
        data["settlement"] = Settlement.objects.get(name=settlement)
    plan = services.plan_create(forum=w.forum, **data)
    group = TargetGroup.objects.get(code="children")
    problem = services.problem_create(plan=plan, target_group=group, title="Nincs bölcsőde")
    measure = services.measure_create(plan=plan, target_group=group, title="Családi napközi",
                                      responsible_organisation=w.organisation,
                                      problems=[problem])
    services.statistic_create(plan=plan, chapter="children", name="Gyermekek száma")
    if status != "draft":
        services.plan_set_status(plan=plan, status="consultation")
    if status == "adopted":
        services.plan_set_status(plan=plan, status="adopted", resolution_number="1/2024.",
                                 adopted_on=datetime.date(2024, 6, 1))
    w.plan, w.measure, w.problem = Plan.objects.get(pk=plan.pk), measure, problem
    return {"forum": w.forum.slug, "pk": plan.pk}


def _velem(w):
    return _plan(w, settlement="Velem")


def _district(w):
    return _plan(w, scope="district")


def _adopted(w):
    return _plan(w, status="adopted")


def _consultation(w):
    return _plan(w, status="consultation")


def _progress(build):
    """A progress report with an evidence file on the plan's measure."""
    def kwargs(w):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from kerekasztal.plans import services

        base = build(w)
        report = services.measure_report_progress(
            measure=w.measure, reported_on=datetime.date(2025, 3, 1), status="in_progress",
            percent=10, narrative="Elindult.", evidence_file=SimpleUploadedFile(
                "iv.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
        return {**base, "measure": w.measure.pk, "progress": report.pk}

    return kwargs


def _adopted_velem(w):
    return _plan(w, settlement="Velem", status="adopted")


def _with(build, **extra):
    def kwargs(w):
        base = build(w)
        return {**base, **{key: value(w) for key, value in extra.items()}}

    return kwargs


def _comment(w):
    from kerekasztal.plans import services

    return services.comment_add(plan=w.plan, author=w.member, text="Észrevétel",
                                measure=w.measure).pk


def _fmt(w):
    return "csv"


def _chapter(w):
    return "children"


def _missing_everywhere():
    return {role: MISSING for role in ROLES}


MEASURE = {"measure": lambda w: w.measure.pk}

ROWS = [
    Row("plans:plan_list", forum, workspace(*ALL)),
    Row("plans:plan_export", lambda w: {**forum(w), "fmt": "xlsx"}, workspace(*ALL)),
    Row("plans:plan_create", forum, workspace(*EDIT)),
    Row("plans:plan_create", forum, workspace(*EDIT), method="POST"),
    Row("plans:plan_detail", _plan, workspace(*ALL)),
    Row("plans:plan_edit", _plan, workspace(*EDIT)),
    Row("plans:plan_edit", _velem, workspace(*MANAGE)),
    Row("plans:plan_edit", _district, workspace(*MANAGE)),
    Row("plans:plan_status", _plan, workspace(*MANAGE), method="POST",
        data=lambda w: {"status": "consultation"}),
    # The settlement's HEP officer submits their HEP and records its review; not Velem's.
    Row("plans:plan_submit", _plan, workspace(*EDIT), method="POST"),
    Row("plans:plan_submit", _velem, workspace(*MANAGE), method="POST"),
    Row("plans:plan_review", _adopted, workspace(*EDIT)),
    Row("plans:plan_review", _adopted_velem, workspace(*MANAGE)),
    Row("plans:chapter", _with(_plan, kind=_chapter), workspace(*ALL)),
    Row("plans:statistic_create", _with(_plan, kind=_chapter), workspace(*EDIT), method="POST",
        data=lambda w: {"name": "Új mutató", "unit": "fő"}),
    Row("plans:statistic_create", _with(_velem, kind=_chapter), workspace(*MANAGE),
        method="POST", data=lambda w: {"name": "Új mutató", "unit": "fő"}),
    Row("plans:statistic_value", _with(_plan, statistic=lambda w: w.plan.statistics.get().pk),
        workspace(*EDIT)),
    Row("plans:statistic_value", _with(_velem, statistic=lambda w: w.plan.statistics.get().pk),
        workspace(*MANAGE)),
    Row("plans:statistic_population", _plan, workspace(*EDIT), method="POST"),
    Row("plans:statistic_population", _velem, workspace(*MANAGE), method="POST"),
    Row("plans:problem_create", _plan, workspace(*EDIT)),
    Row("plans:problem_edit", _with(_plan, problem=lambda w: w.problem.pk), workspace(*EDIT)),
    Row("plans:problem_edit", _with(_velem, problem=lambda w: w.problem.pk),
        workspace(*MANAGE)),
    Row("plans:problem_evidence", _with(_plan, problem=lambda w: w.problem.pk),
        workspace(*EDIT), method="POST",
        data=lambda w: {"statistic": w.plan.statistics.get().pk}),
    Row("plans:measure_export", _with(_plan, fmt=_fmt), workspace(*ALL)),
    Row("plans:measure_create", _plan, workspace(*EDIT)),
    Row("plans:measure_create", _district, workspace(*MANAGE)),
    Row("plans:measure_detail", _with(_plan, **MEASURE), workspace(*ALL)),
    Row("plans:measure_edit", _with(_plan, **MEASURE), workspace(*EDIT)),
    Row("plans:measure_edit", _with(_velem, **MEASURE), workspace(*MANAGE)),
    Row("plans:measure_delete", _with(_plan, **MEASURE), workspace(*EDIT), method="POST"),
    Row("plans:measure_delete", _with(_velem, **MEASURE), workspace(*MANAGE), method="POST"),
    # The member represents the organisation responsible for the measure.
    Row("plans:measure_progress", _with(_adopted, **MEASURE),
        workspace("coordinator", "settlement_officer", "member")),
    Row("plans:measure_progress", _with(_velem, **MEASURE),
        workspace("coordinator", "member")),
    # Evidence files: coordinators, auditors and who may report on the measure.
    Row("plans:progress_evidence", _progress(_adopted), workspace(*ALL)),
    Row("plans:progress_evidence", _progress(_adopted_velem),
        workspace("coordinator", "auditor", "member")),
    Row("plans:comment_add", _consultation, workspace("coordinator", "settlement_officer",
                                                      "member"), method="POST",
        data=lambda w: {"text": "Egyetértünk.", "measure": w.measure.pk}),
    Row("plans:comment_decide", _with(_consultation, comment=_comment), workspace(*MANAGE)),
    Row("plans:consultation", _plan, workspace(*ALL)),
    Row("plans:consultation_export", _with(_plan, fmt=_fmt), workspace(*ALL)),
    Row("plans:rollup", _district, workspace(*ALL)),
    Row("plans:rollup_adopt", _district, workspace(*MANAGE), method="POST",
        data=lambda w: {"kind": "problem", "items": "0"}),
    Row("plans:plan_pdf", _plan, workspace(*ALL)),
    Row("plans:plan_docx", _plan, workspace(*ALL)),
    Row("plans:progress_pdf", _adopted, workspace(*ALL)),
    Row("plans:public_list", forum, public()),
    Row("plans:public_detail", _adopted, public()),
    Row("plans:public_detail", _plan, _missing_everywhere()),
    Row("plans:public_pdf", _adopted, public()),
    Row("plans:public_pdf", _consultation, _missing_everywhere()),
]

for kind in ("measures", "statistics"):
    ROWS += [
        Row(f"plans:import_{kind}", _plan, workspace(*EDIT)),
        Row(f"plans:import_{kind}", _velem, workspace(*MANAGE)),
        Row(f"plans:import_example_{kind}", _with(_plan, fmt=_fmt), workspace(*EDIT)),
    ]


def _batch_row(kind):
    def kwargs(w):
        from kerekasztal.core.models import ImportBatch

        base = _plan(w)
        batch = ImportBatch.objects.create(forum=w.forum, kind=f"plans.{kind}.{base['pk']}",
                                           filename="x.csv")
        return {**base, "batch": batch.pk}

    return Row(f"plans:import_preview_{kind}", kwargs, workspace(*EDIT))


ROWS += [_batch_row("measures"), _batch_row("statistics")]

