"""The upload → preview → apply pages that every import shares."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kerekasztal.core.forms import ConfirmForm, UploadForm
from kerekasztal.core.imports.services import (
    ImportRefused,
    ImportSpec,
    import_discard,
    import_preview,
    import_queue,
)
from kerekasztal.core.models import ImportBatch, ImportStatus
from kerekasztal.core.pages import render_workspace
from kerekasztal.core.tabular import as_written, table_response


def upload(
    request: HttpRequest, forum, spec: ImportSpec, *, back_url: str, preview_url_name: str
) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = import_preview(spec=spec, forum=forum, file=form.cleaned_data["file"],
                               user=request.user)
        return redirect(preview_url_name, forum=forum.slug, batch=batch.pk)
    return render_workspace(request, forum, "core/import_upload.html", {
        "form": form, "spec": spec, "back_url": back_url,
    })


def preview(
    request: HttpRequest, forum, spec: ImportSpec, batch: ImportBatch, *, back_url: str
) -> HttpResponse:
    """The preview, and once accepted the import's status: queued, applied (N rows) or
    failed with the reason. Accepting answers at once; a task writes the rows."""
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and batch.status == ImportStatus.PREVIEW:
        if "discard" in request.POST:
            import_discard(batch=batch)
            messages.info(request, _("Az importálást elvetette; semmi sem került mentésre."))
            return redirect(back_url)
        try:
            import_queue(spec=spec, batch=batch, user=request.user)
        except ImportRefused as refused:
            batch.errors = [error.__dict__ for error in refused.errors]
            messages.error(request, _("Az importálás nem hajtható végre; semmi sem került "
                                      "mentésre. Javítsa a hibás sorokat."))
        else:
            batch.refresh_from_db()
            if batch.status == ImportStatus.APPLIED:  # the task has run already
                messages.success(request, _("%(count)s sor importálva.")
                                 % {"count": batch.applied_count})
                return redirect(back_url)
            return redirect(request.path)
    return render_workspace(request, forum, "core/import_preview.html", {
        "form": form, "spec": spec, "batch": batch, "back_url": back_url,
        "row_count": len(batch.rows) or batch.applied_count,
        "bad_rows": len({error["row"] for error in batch.errors}),
        "can_apply": batch.status == ImportStatus.PREVIEW and not batch.errors and batch.rows,
        "preview_rows": [[as_written(str(row.get(column.key) or "")) for column in spec.columns]
                         for row in batch.rows[:20]],
    })


def example(spec: ImportSpec, fmt: str) -> HttpResponse:
    """A file with the headers and an example row, to fill in."""
    return table_response(f"minta-{spec.kind.replace('.', '-')}", spec.headers(), spec.example,
                          fmt)


def url_for(url_name: str, forum) -> str:
    return reverse(url_name, kwargs={"forum": forum.slug})
