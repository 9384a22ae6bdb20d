"""A plain link picker page that every app's views reuse (see core/records/links.py LINKABLE).

The app's view checks access (its rule in core/access/), fetches the source record and
calls `picker_response(...)`. The page lists what the source links to (with unlink
buttons), searches candidates of the forum's tree by text (GET `q`) and links the chosen one
(POST). It works without JavaScript.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kerekasztal.core.forms import Form
from kerekasztal.core.pages import render_workspace
from kerekasztal.core.records import links


class LinkPickForm(Form):
    target = forms.ChoiceField(label=_lazy("Kapcsolandó rekord"))
    note = forms.CharField(label=_lazy("Megjegyzés"), required=False, max_length=255)

    def __init__(self, *args: Any, kind: str, forum: Any, choices: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.forum = forum
        self.fields["target"].choices = [("", _("– válasszon –")), *choices]

    def clean_target(self) -> models.Model:
        return links.pick(self.kind, self.forum, self.cleaned_data["target"])


def _default_link(*, source: models.Model, target: models.Model, kind: str, note: str,
                  user: Any) -> Any:
    return links.link_create(source=source, target=target, kind=kind, note=note, user=user)


def picker_response(
    request: HttpRequest, *, forum: Any, source: models.Model, kind: str, title: str,
    back_url: str, back_label: str,
    link: Callable[..., Any] | None = None,
) -> HttpResponse:
    """GET: the picker page. POST `target` (+ `note`): link. POST `unlink`: unlink."""
    link = link or _default_link
    q = request.GET.get("q", "").strip()[:100]
    if request.method == "POST" and "unlink" in request.POST:
        if links.unpick(source, kind, request.POST["unlink"]):
            messages.success(request, _("A kapcsolatot megszüntettük."))
        return redirect(request.get_full_path())
    choices = links.candidates(kind, forum, q=q, source=source)
    form = LinkPickForm(request.POST or None, kind=kind, forum=forum, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            link(source=source, target=form.cleaned_data["target"], kind=kind,
                 note=form.cleaned_data["note"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("target", message)
        else:
            messages.success(request, _("A kapcsolatot rögzítettük."))
            return redirect(request.get_full_path())
    return render_workspace(request, forum, "components/link_picker.html", {
        "title": title, "source": source, "kind": kind, "q": q, "form": form,
        "linked": links.linked_targets(source, kind), "has_choices": bool(choices),
        "back_url": back_url, "back_label": back_label,
        "kind_label": links.KIND_LABELS.get(kind, kind),
    })
