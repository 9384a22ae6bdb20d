from kerekasztal.core.records.uploads import RandomName

from . import DENY, LOGIN, MISSING, OK, ROLES, TOKEN, Row, forum, public, workspace

ANY = ("member", "settlement_officer", "auditor", "coordinator")


def _token():
    return {role: TOKEN for role in ROLES}


def _import_batch():
    """An unknown batch: the coordinator finds nothing, other roles are refused first."""
    from . import MISSING

    return {role: MISSING if role == "coordinator" else out
            for role, out in workspace("coordinator").items()}


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


MATRIX_TOKEN = "matrix-invitation-token"


def _invitation(w):
    """The other forum invites the auditor's existing account to a role."""
    from kerekasztal.forums.models import AccountInvitation
    from kerekasztal.forums.services import invitation_token_hash

    AccountInvitation.objects.create(
        forum=w.other_forum, user=w.auditor, email=w.auditor.email, role="auditor",
        token_hash=invitation_token_hash(MATRIX_TOKEN), invited_by=w.outsider)


def _invitation_expectations():
    # Only the account it was sent to sees it; everyone else gets 404 (not even "forbidden")
    expect = {role: MISSING for role in ROLES}
    expect.update(anonymous=LOGIN, auditor=OK)
    return expect


ROWS = [
    Row("forums:invitation", lambda w: {"token": MATRIX_TOKEN}, _invitation_expectations(),
        setup=_invitation),
    Row("forums:invitation", lambda w: {"token": MATRIX_TOKEN}, _invitation_expectations(),
        method="POST", data=lambda w: {"answer": "decline"}, setup=_invitation),
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
    Row("forums:membership_import", forum, workspace("coordinator")),
    Row("forums:membership_import_example", lambda w: {**forum(w), "fmt": "xlsx"},
        workspace("coordinator")),
    Row("forums:membership_import_preview", lambda w: {**forum(w), "batch": 999},
        _import_batch()),
    # Writing memberships with a token (tests/api/test_write_matrix.py: each role's token).
    Row("api:v1:memberships_create", lambda w: {"slug": w.forum.slug}, _token(),
        method="POST"),
    Row("api:v1:memberships_end", lambda w: {"slug": w.forum.slug, "pk": w.membership.pk},
        _token(), method="POST"),
    Row("forums:membership_end", _membership, workspace("coordinator")),
    Row("forums:membership_declaration", _membership, workspace("coordinator", "auditor"),
        setup=_with_declaration),
    Row("forums:access_list", forum, workspace("coordinator", "auditor")),
    Row("forums:access_list", forum, workspace("coordinator"), method="POST"),
    Row("forums:access_revoke", _grant, workspace("coordinator"), method="POST"),
]
