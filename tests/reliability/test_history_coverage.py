"""Every domain model keeps its history (django-simple-history), so that the activity log
shows who changed what; new apps' models are held to it as they land."""

from django.apps import apps

# Not domain records: an import's staging area (its rows become records with history),
# and the erasure log (written once, never changed; it must not keep personal data).
EXEMPT = {"core.importbatch", "core.erasure"}
# Written once and never changed: each row is itself a version or a dated note.
EXEMPT |= {"agreements.agreementversion", "agreements.commitmentnote", "meetings.decisionnote",
           "meetings.minutescomment", "servicemap.reportcomment"}
# Derived from other records and rebuilt from them (the search index and its freshness).
EXEMPT |= {"publishing.searchentry", "publishing.searchstate"}
# Shared by every forum, not a forum's record (its changes are in the admin's history).
GLOBAL = {"servicemap.servicetype"}
# Personal data of people outside the directory; a history would keep what a cancellation
# or an erasure removes.
EXEMPT |= {"events.registration"}
# Operational records with their own status fields: a stored e-mail is its own delivery log
# (queued, sent, failed with the reason) and is deleted after MAIL_RETENTION_DAYS; an
# account invitation records who invited, when, and when it was accepted, and holds an
# address that must not outlive it in a history table.
EXEMPT |= {"core.maildelivery", "forums.accountinvitation"}
# An export job is a file being written for one user, kept 24 hours; nothing to audit.
EXEMPT |= {"core.exportjob"}


def _belongs_to_a_forum(model) -> bool:
    return bool(getattr(model, "forum_path", None)) or any(
        field.name == "forum" and field.is_relation for field in model._meta.get_fields()
    )


def test_every_model_of_a_forum_has_history():
    missing = sorted(
        model._meta.label_lower for model in apps.get_models()
        if model._meta.app_label not in ("simple_history",)
        and not model._meta.label_lower.split(".")[1].startswith("historical")
        and _belongs_to_a_forum(model)
        and model._meta.label_lower not in EXEMPT
        and not hasattr(model, "history")
    )
    assert not missing, f"models of a forum without `history = HistoricalRecords()`: {missing}"


def test_child_records_without_a_forum_key_name_their_forum_path():
    """A model with history but no forum key must say how to reach its forum."""
    from kerekasztal.core.records.activity import tracked_models

    tracked = {t.label for t in tracked_models()}
    orphans = sorted(
        model._meta.label_lower for model in apps.get_models()
        if hasattr(model, "history") and hasattr(model.history, "model")
        and model._meta.label_lower not in tracked
        and model._meta.app_label != "territory"
        and model._meta.label_lower not in GLOBAL
    )
    assert not orphans, f"models with history but no forum or forum_path: {orphans}"
