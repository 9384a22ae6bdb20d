from kerekasztal.core.uploads import RandomName

from . import DENY, LOGIN, OK, ROLES, Row, forum, public, workspace

ANY = ("member", "settlement_officer", "auditor", "coordinator")


def _membership(w):
    return {"forum": w.forum.slug, "pk": w.membership.pk}


def _with_declaration(w):
    from django.core.files.base import ContentFile

    w.membership.accession_declaration.save(
        RandomName("accession")(None, "nyilatkozat.pdf"), ContentFile(b"%PDF-1.4\n%%EOF\n")
    )


def _grant(w):
    return {"forum": w.forum.slug, "pk": w.forum.access_grants.get(user=w.auditor).pk}


def _create_forum_expectations():
    # Users with the 'add forum' permission (the coordinator here) and coordinators of a
    # forum (who may add working groups) may open it; the operator has every permission.
    expect = {role: DENY for role in ROLES}
    expect.update(anonymous=LOGIN, coordinator=OK, outsider=OK, operator=OK)
    return expect


ROWS = [
    Row("forums:create", lambda w: {}, _create_forum_expectations()),
    Row("forums:public", forum, public()),
    Row("forums:workspace", forum, workspace(*ANY)),
    Row("forums:edit", forum, workspace("coordinator")),
    Row("forums:edit", forum, workspace("coordinator"), method="POST"),
    Row("forums:membership_list", forum, workspace(*ANY)),
    Row("forums:membership_export", lambda w: {**forum(w), "fmt": "csv"}, workspace(*ANY)),
    Row("forums:membership_create", forum, workspace("coordinator")),
    Row("forums:membership_create", forum, workspace("coordinator"), method="POST"),
    Row("forums:membership_edit", _membership, workspace("coordinator")),
    Row("forums:membership_end", _membership, workspace("coordinator")),
    Row("forums:membership_declaration", _membership, workspace("coordinator", "auditor"),
        setup=_with_declaration),
    Row("forums:access_list", forum, workspace("coordinator", "auditor")),
    Row("forums:access_list", forum, workspace("coordinator"), method="POST"),
    Row("forums:access_revoke", _grant, workspace("coordinator"), method="POST"),
]
