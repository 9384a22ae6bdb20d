import datetime

from . import DENY, MISSING, ROLES, TOKEN, Row, forum, public, workspace

ANY = ("member", "settlement_officer", "auditor", "coordinator")
DETAILS = ("coordinator", "auditor")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _project(w):
    if not hasattr(w, "project"):
        from kerekasztal.projects import services
        from tests.projects.conftest import project_data

        w.project = services.project_create(forum=w.forum, user=w.coordinator,
                                            **project_data(w))
    return w.project


def _p(w):
    return {"forum": w.forum.slug, "pk": _project(w).pk}


def _manual_indicator(w):
    from kerekasztal.projects import services

    if not hasattr(w, "indicator"):
        w.indicator = services.indicator_add(project=_project(w), user=w.coordinator,
                                             name="Rendezvények", unit="db", target=8)
    return w.indicator


def _indicator(w):
    return {**_p(w), "ipk": _manual_indicator(w).pk}


def _value(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerekasztal.projects import services

    value = services.manual_value_add(
        indicator=_manual_indicator(w), as_of=datetime.date(2015, 6, 1), value=2,
        evidence=SimpleUploadedFile("ev.pdf", PDF), user=w.coordinator)
    return {**_p(w), "vpk": value.pk}


def _milestone(w):
    from kerekasztal.projects import services
    from kerekasztal.projects.models import Milestone

    milestone = services.record_save(instance=Milestone(
        project=_project(w), title="Zárórendezvény", due=datetime.date(2015, 9, 30)),
        user=w.coordinator)
    return {**_p(w), "kind": "milestone", "record": milestone.pk}


def _deliverable(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerekasztal.projects import services
    from kerekasztal.projects.models import Deliverable

    item = services.record_save(instance=Deliverable(
        project=_project(w), title="Programterv", document=SimpleUploadedFile("p.pdf", PDF)),
        user=w.coordinator)
    return {**_p(w), "record": item.pk}


def _release(w, *, published=True):
    from kerekasztal.projects import services

    release = services.press_release_generate(project=_project(w), kind="closing",
                                              as_of=datetime.date(2015, 9, 30),
                                              user=w.coordinator)
    if published:
        services.press_release_publish(release=release, user=w.coordinator)
    return release


def _release_kwargs(w):
    return {**_p(w), "rpk": _release(w).pk}


def _public_release(w):
    return {"forum": w.forum.slug, "pk": _release(w).pk}


def _draft_release(w):
    return {"forum": w.forum.slug, "pk": _release(w, published=False).pk}


def _other_forums_project(w):
    """A project of the other forum, asked for under this forum's URL: hidden."""
    from kerekasztal.projects import services
    from tests.projects.conftest import project_data

    project = services.project_create(
        forum=w.other_forum, user=w.outsider,
        **project_data(w, beneficiary=w.other_organisation, code="ÁROP-1.A.3-2014-2014-0099"))
    return {"forum": w.forum.slug, "pk": project.pk}


def _nowhere():
    expect = {role: MISSING for role in ROLES}
    return expect


def _hidden_in_workspace():
    expect = workspace(*ANY)
    expect.update({role: MISSING for role in ANY})
    expect["outsider"] = DENY
    return expect


ROWS = [
    Row("projects:public", forum, public()),
    Row("projects:public_release", _public_release, public()),
    Row("projects:public_release", _draft_release, _nowhere()),
    Row("projects:list", forum, workspace(*ANY)),
    Row("projects:export", lambda w: {**forum(w), "fmt": "xlsx"}, workspace(*ANY)),
    Row("projects:create", forum, workspace("coordinator")),
    Row("projects:create", forum, workspace("coordinator"), method="POST"),
    Row("projects:detail", _p, workspace(*ANY)),
    Row("projects:detail", _other_forums_project, _hidden_in_workspace()),
    Row("projects:edit", _p, workspace("coordinator")),
    Row("projects:edit", _p, workspace("coordinator"), method="POST"),
    Row("projects:record_create", lambda w: {**_p(w), "kind": "staff"},
        workspace("coordinator")),
    Row("projects:record_create", lambda w: {**_p(w), "kind": "extension"},
        workspace("coordinator"), method="POST"),
    Row("projects:record_edit", _milestone, workspace("coordinator")),
    Row("projects:deliverable_document", _deliverable, workspace(*DETAILS)),
    Row("projects:dashboard", _p, workspace(*ANY)),
    Row("projects:dashboard_export", lambda w: {**_p(w), "fmt": "csv"}, workspace(*ANY)),
    Row("projects:indicator_create", _p, workspace("coordinator")),
    Row("projects:indicator_create", _p, workspace("coordinator"), method="POST"),
    Row("projects:indicator", _indicator, workspace(*ANY)),
    Row("projects:indicator_export", lambda w: {**_indicator(w), "fmt": "csv"},
        workspace(*ANY)),
    Row("projects:manual_value_create", _indicator, workspace("coordinator")),
    Row("projects:manual_value_evidence", _value, workspace(*DETAILS)),
    Row("projects:manual_value_edit", _value, workspace("coordinator")),
    Row("projects:manual_value_edit", _value, workspace("coordinator"), method="POST"),
    Row("projects:manual_value_delete", _value, workspace("coordinator"), method="POST"),
    Row("projects:release_generate", _p, workspace("coordinator"), method="POST",
        data=lambda w: {"kind": "start", "as_of": "2015-04-01"}),
    Row("projects:release", _release_kwargs, workspace(*DETAILS)),
    Row("projects:release", _release_kwargs, workspace("coordinator"), method="POST"),
    Row("projects:release_publish", _release_kwargs, workspace("coordinator"), method="POST"),
    Row("projects:release_document", lambda w: {**_release_kwargs(w), "doc": "docx"},
        workspace(*DETAILS)),
]


def _asset(w):
    from kerekasztal.projects import services
    from kerekasztal.projects.models import Asset

    asset = services.record_save(instance=Asset(project=_project(w), name="laptop"),
                                 user=w.coordinator)
    return {**_p(w), "kind": "asset", "record": asset.pk}


ROWS += [
    Row("projects:record_delete", _asset, workspace("coordinator"), method="POST"),
    Row("projects:indicator_edit", _indicator, workspace("coordinator")),
    Row("projects:indicator_edit", _indicator, workspace("coordinator"), method="POST"),
]

ROWS += [
    Row("projects:indicator_targets", _p, workspace("coordinator")),
    Row("projects:indicator_targets", _p, workspace("coordinator"), method="POST"),
]


# The write API of projects (/api/v1/projects/forums/<slug>/...): a session is never enough
# (401 for everyone); tests/api/test_write_matrix.py checks what each role's token may do.
def _api_slug(w):
    return {"slug": w.forum.slug}


def _api_project(w):
    return {"slug": w.forum.slug, "pk": _project(w).pk}


def _api_indicator(w):
    return {**_api_project(w), "ipk": _manual_indicator(w).pk}


NEEDS_A_TOKEN = {role: TOKEN for role in ROLES}
ROWS += [
    Row("api:v1:projects_project_create", _api_slug, NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:projects_project_detail", _api_project, NEEDS_A_TOKEN),
    Row("api:v1:projects_project_update", _api_project, NEEDS_A_TOKEN, method="PATCH"),
    Row("api:v1:projects_staff_create", _api_project, NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:projects_partner_create", _api_project, NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:projects_extension_create", _api_project, NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:projects_indicator_create", _api_project, NEEDS_A_TOKEN, method="POST"),
    Row("api:v1:projects_manual_value_create", _api_indicator, NEEDS_A_TOKEN, method="POST"),
]
