"""The forum's activity log (coordinators and auditors)."""

from django.utils.translation import gettext as _

from kerekasztal.core import access
from kerekasztal.core.pages import paginate, querystring_without_page, render_workspace
from kerekasztal.core.records.activity import ActivityList, activity_export_rows, activity_union
from kerekasztal.core.records.forms import ActivityFilterForm
from kerekasztal.core.tabular import table_response


def _filtered(request, forum):
    form = ActivityFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    union = activity_union(
        forum, model=data.get("model", ""), user=data.get("user", "").strip(),
        date_from=data.get("date_from"), date_to=data.get("date_to"),
    )
    return form, union


def activity_log(request, forum):
    forum = access.forum_for(request.user, forum, "activity.view")
    form, union = _filtered(request, forum)
    return render_workspace(request, forum, "core/activity_log.html", {
        "filter_form": form, "page": paginate(request, ActivityList(union)),
        "querystring": querystring_without_page(request),
    })


def activity_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "activity.view")
    _form, union = _filtered(request, forum)
    headers = [_("Időpont"), _("Felhasználó"), _("Művelet"), _("Adatfajta"), _("Adat"),
               _("Változások (előtte → utána)")]
    return table_response(f"tevekenysegnaplo-{forum.slug}", headers,
                          activity_export_rows(union), fmt)
