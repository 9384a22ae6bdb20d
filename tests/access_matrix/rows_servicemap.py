"""The service map: everyone in the forum reads it; coordinators manage; settlement officers
edit their own settlement's services and questionnaire; members comment on the SZÚT draft."""

import datetime

from . import DENY, Row, forum, public, workspace

ALL = ("member", "settlement_officer", "auditor", "coordinator")
MANAGE = ("coordinator",)
EDIT = ("coordinator", "settlement_officer")
COMMENT = ("coordinator", "member", "settlement_officer")


def _types():
    from kerekasztal.servicemap.catalogue import ensure_service_types

    ensure_service_types()


def _fmt(w):
    return {"forum": w.forum.slug, "fmt": "csv"}


def _type(w):
    from kerekasztal.servicemap.models import ServiceType

    _types()
    return {"forum": w.forum.slug, "pk": ServiceType.objects.get(code="gp").pk}


def _point(seat_name):
    def kwargs(w):
        from kerekasztal.servicemap.models import ServicePoint, ServiceType
        from kerekasztal.territory.models import Settlement

        _types()
        point = ServicePoint.objects.create(
            forum=w.forum, service_type=ServiceType.objects.get(code="gp"),
            provider_name="Háziorvos", settlement=Settlement.objects.get(name=seat_name))
        return {"forum": w.forum.slug, "pk": point.pk}
    return kwargs


def _gap(w):
    from kerekasztal.servicemap.models import Gap, ServiceType

    _types()
    gap = Gap.objects.create(forum=w.forum, settlement=w.settlement,
                             service_type=ServiceType.objects.get(code="gp"),
                             found_on=datetime.date(2020, 1, 1))
    return {"forum": w.forum.slug, "pk": gap.pk}


def _questionnaire(name):
    def kwargs(w):
        from kerekasztal.territory.models import Settlement

        _types()
        return {"forum": w.forum.slug, "settlement": Settlement.objects.get(name=name).pk}
    return kwargs


def _forum_types(w):
    _types()
    return forum(w)


def _batch(w):
    from kerekasztal.core.models import ImportBatch

    batch = ImportBatch.objects.create(forum=w.forum, kind="servicemap.points", filename="x.csv")
    return {"forum": w.forum.slug, "batch": batch.pk}


def _own_only(allowed_others=MANAGE):
    """The settlement officer may act on their own settlement (Bozsok) but not on others."""
    return workspace(*allowed_others, "settlement_officer")


def _not_own():
    expect = workspace(*MANAGE)
    expect["settlement_officer"] = DENY
    return expect


ROWS = [
    Row("servicemap:public_map", _forum_types, public()),
    Row("servicemap:public_map", _forum_types, public(), query="service_type=1"),
    Row("servicemap:coverage", _forum_types, workspace(*ALL)),
    Row("servicemap:coverage_export", _fmt, workspace(*ALL)),
    Row("servicemap:map", _forum_types, workspace(*ALL)),
    Row("servicemap:map", _forum_types, workspace(*ALL), query="service_type=1"),
    Row("servicemap:type_list", _forum_types, workspace(*ALL)),
    Row("servicemap:type_export", _fmt, workspace(*ALL)),
    Row("servicemap:type_rule", _type, workspace(*MANAGE)),
    Row("servicemap:type_rule", _type, workspace(*MANAGE), method="POST"),
    Row("servicemap:point_list", _forum_types, workspace(*ALL)),
    Row("servicemap:point_export", _fmt, workspace(*ALL)),
    Row("servicemap:point_create", _forum_types, workspace(*EDIT)),
    Row("servicemap:point_create", _forum_types, workspace(*EDIT), method="POST"),
    Row("servicemap:point_edit", _point("Bozsok"), _own_only()),
    Row("servicemap:point_edit", _point("Kőszeg"), _not_own()),
    Row("servicemap:point_toggle", _point("Bozsok"), _own_only(), method="POST"),
    Row("servicemap:point_toggle", _point("Kőszeg"), _not_own(), method="POST"),
    Row("servicemap:import", forum, workspace(*MANAGE)),
    Row("servicemap:import_example", _fmt, workspace(*MANAGE)),
    Row("servicemap:import_preview", _batch, workspace(*MANAGE)),
    Row("servicemap:hsds", _forum_types, workspace(*ALL)),
    Row("servicemap:questionnaire_list", _forum_types, workspace(*ALL)),
    Row("servicemap:questionnaire", _questionnaire("Bozsok"), _own_only()),
    Row("servicemap:questionnaire", _questionnaire("Bozsok"), _own_only(), method="POST"),
    Row("servicemap:questionnaire", _questionnaire("Velem"), _not_own()),
    Row("servicemap:gap_list", _forum_types, workspace(*ALL)),
    Row("servicemap:gap_export", _fmt, workspace(*ALL)),
    Row("servicemap:gap_create", _forum_types, workspace(*MANAGE)),
    Row("servicemap:gap_create", _forum_types, workspace(*MANAGE), method="POST"),
    Row("servicemap:gap_detail", _gap, workspace(*ALL)),
    Row("servicemap:gap_edit", _gap, workspace(*MANAGE)),
    Row("servicemap:gap_resolve", _gap, workspace(*MANAGE)),
    Row("servicemap:gap_reopen", _gap, workspace(*MANAGE), method="POST"),
    Row("servicemap:report", _forum_types, workspace(*ALL)),
    Row("servicemap:report", _forum_types, workspace(*COMMENT), method="POST",
        data=lambda w: {"text": "Észrevétel"}),
    Row("servicemap:report_pdf", _forum_types, workspace(*ALL)),
    Row("servicemap:report_docx", _forum_types, workspace(*ALL)),
]


ROWS.append(Row("servicemap:national_map", lambda w: {}, public()))

# The read API of the service map (mounted by the api app): public, per forum.
ROWS += [
    Row(f"api:v1:servicemap_{name}", lambda w: {}, public(), query="forum=koszeg")
    for name in ("points", "coverage", "gaps")
]
