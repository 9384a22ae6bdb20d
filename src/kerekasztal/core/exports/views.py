"""A large export's page ("Az export készül…", then the download link) and its file."""

from django.http import FileResponse, Http404
from django.urls import reverse

from kerekasztal.core import access
from kerekasztal.core.exports.services import export_expire, is_expired
from kerekasztal.core.models import ExportStatus
from kerekasztal.core.pages import render_workspace
from kerekasztal.core.records.files import content_disposition
from kerekasztal.core.records.uploads import CONTENT_TYPES


def export_status(request, forum, pk):
    forum = access.forum_public(forum)
    job = access.export_job_for(request.user, forum, pk)
    expired = is_expired(job)
    if expired:
        export_expire(job=job)
    return render_workspace(request, forum, "core/export_status.html", {
        "job": job, "expired": expired,
        "waiting": job.status == ExportStatus.QUEUED and not expired,
        "ready": job.status == ExportStatus.DONE and not expired and bool(job.file),
        "back_url": job.back_url or reverse("forums:workspace", args=[forum.slug]),
    })


def export_download(request, forum, pk):
    forum = access.forum_public(forum)
    job = access.export_job_for(request.user, forum, pk)
    if job.status != ExportStatus.DONE or not job.file or is_expired(job):
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=(CONTENT_TYPES["xlsx"] if job.fmt == "xlsx"
                                                  else "text/csv; charset=utf-8"))
    response["Content-Disposition"] = content_disposition(job.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
