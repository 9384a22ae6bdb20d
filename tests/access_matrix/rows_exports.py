"""A large export's page and file (core/exports/): its requester's alone."""

from . import LOGIN, MISSING, OK, ROLES, Row


def _jobs(w):
    """A finished export of the events list for the coordinator, and one for the member."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from kerekasztal.core.models import ExportJob, ExportStatus

    def job(user):
        made = ExportJob(forum=w.forum, created_by=user, kind="events.events", fmt="csv",
                         status=ExportStatus.DONE, filename="rendezvenyek.csv", row_count=1,
                         expires_at=timezone.now() + datetime.timedelta(hours=1))
        made.file.save("rendezvenyek.csv", ContentFile(b"\xef\xbb\xbfC\xc3\xadm\r\n"), save=False)
        made.save()
        return made

    w.coordinator_export, w.member_export = job(w.coordinator), job(w.member)


def _only(role: str) -> dict:
    """Only `role` (who asked for it) finds it; anyone else as if it did not exist."""
    return {r: LOGIN if r == "anonymous" else OK if r == role else MISSING for r in ROLES}


ROWS = [
    Row("core:export_status", lambda w: {"forum": w.forum.slug, "pk": w.coordinator_export.pk},
        _only("coordinator"), setup=_jobs),
    Row("core:export_download",
        lambda w: {"forum": w.forum.slug, "pk": w.coordinator_export.pk},
        _only("coordinator"), setup=_jobs),
    Row("core:export_status", lambda w: {"forum": w.forum.slug, "pk": w.member_export.pk},
        _only("member"), setup=_jobs),
    Row("core:export_download", lambda w: {"forum": w.forum.slug, "pk": w.member_export.pk},
        _only("member"), setup=_jobs),
    # under another forum's address the job is unknown, even to its requester
    Row("core:export_status",
        lambda w: {"forum": w.other_forum.slug, "pk": w.coordinator_export.pk},
        {r: LOGIN if r == "anonymous" else MISSING for r in ROLES}, setup=_jobs),
]
