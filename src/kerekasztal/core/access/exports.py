"""Access rules: large exports made by a task (core/exports/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from kerekasztal.core.access.roles import require

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import ExportJob, User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser


def export_job_for(user: Viewer, forum: Forum, pk: int) -> ExportJob:
    """A large export's page and file are its requester's alone (an export of people's
    contact details is personal data, handed to the one who asked), and only while they may
    still see the list it was made from (403 once that right is gone). Anybody else's job is
    as unknown as a missing one (404), even a coordinator's of the same forum."""
    from kerekasztal.core.exports.services import exporter_for
    from kerekasztal.core.models import ExportJob

    if not user.is_authenticated:
        raise Http404
    job = ExportJob.objects.filter(pk=pk, forum=forum, created_by=user).first()
    if job is None:
        raise Http404
    require(user, exporter_for(job.kind).action, forum)
    return job
