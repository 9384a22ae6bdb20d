from . import DENY, LOGIN, MISSING, ROLES, Row, forum, logged_in, workspace


def _person(w):
    return {"forum": w.forum.slug, "pk": w.representative.pk}


def _other_person(w):
    return {"forum": w.forum.slug, "pk": w.other_person.pk}


def _everyone(outcome):
    return {role: outcome for role in ROLES}


def _verified_only():
    """Only a session verified with a one-time code (force_login is not): 403 otherwise."""
    return {role: (LOGIN if role == "anonymous" else DENY) for role in ROLES}


ROWS = [
    Row("core:activity_log", forum, workspace("coordinator", "auditor")),
    Row("core:activity_log", forum, workspace("coordinator", "auditor"),
        query="model=directory.person&user=kata&date_from=2020-01-01"),
    Row("core:activity_export", lambda w: {"forum": w.forum.slug, "fmt": "csv"},
        workspace("coordinator", "auditor")),
    # the code step exists only between the password and the code: without it, back to login
    Row("core:login_verify", lambda w: {}, _everyone(LOGIN)),
    Row("core:login_enrol", lambda w: {}, _everyone(LOGIN)),
    Row("core:recovery_codes", lambda w: {}, logged_in()),
    Row("core:recovery_codes_new", lambda w: {}, _verified_only(), method="POST"),
    Row("core:person_data_export", _person, workspace("coordinator")),
    Row("core:person_erase", _person, workspace("coordinator")),
    Row("core:person_erase", _person, workspace("coordinator"), method="POST"),
    # another forum's person: hidden even from this forum's coordinator
    Row("core:person_data_export", _other_person, {**workspace("coordinator"),
                                                   "coordinator": MISSING}),
]
