"""A directory person's data: export (JSON) and erasure (anonymisation)."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kerekasztal.core import access
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.pages import render_workspace
from kerekasztal.core.privacy import services
from kerekasztal.core.records.files import content_disposition


def person_data_export(request, forum, pk):
    forum = access.forum_for(request.user, forum, "privacy.person.export")
    person = access.person_for(request.user, forum, pk, "privacy.person.export")
    content = json.dumps(services.person_export(person), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"szemelyes-adatok-{person.pk}.json")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def person_erase(request, forum, pk):
    forum = access.forum_for(request.user, forum, "privacy.person.erase")
    person = access.person_for(request.user, forum, pk, "privacy.person.erase")
    if services.is_erased(person):
        messages.info(request, _("Ennek a személynek az adatait már töröltük."))
        return redirect("directory:person_detail", forum=forum.slug, pk=person.pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.person_erase(person=person, user=request.user)
        messages.success(request, _("A személy adatait töröltük (anonimizáltuk). A részvételi "
                                    "és képviseleti számok változatlanok."))
        return redirect("directory:person_detail", forum=forum.slug, pk=person.pk)
    return render_workspace(request, forum, "core/person_erase.html", {
        "person": person, "form": form,
    })
