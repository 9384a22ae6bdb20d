"""The forum's public service map: coverage by gap count or by one type, the service points
and the gaps the forum published. Never unpublished gaps."""

from django.shortcuts import render

from kerekasztal.core import access
from kerekasztal.core.pages import paginate, querystring_without_page, render_public
from kerekasztal.publishing.cache import cached_public
from kerekasztal.publishing.platform import PLATFORM

from . import queries
from .forms import MapForm
from .maps import coverage_map, district_map
from .models import Gap, GapStatus


@access.public
def public_map(request, forum):
    forum = access.forum_public(forum)
    form = MapForm(request.GET or None)
    chosen = form.cleaned_data.get("service_type") if form.is_valid() else None
    data = queries.forum_coverage(forum)
    # The public map shows published gaps only: unpublished recorded gaps are left out.
    for cell in data.coverage.cells.values():
        if cell.recorded_gap is not None and not cell.recorded_gap.is_public:
            cell.recorded_gap = None
    return render_public(request, forum, "servicemap/public_map.html", {
        "form": form, "chosen": chosen, "map": coverage_map(data, chosen.pk if chosen else None),
        # the forum's service points (nearly 500 at ten times the data): a page at a time
        "points": paginate(request, queries.point_list(forum)),
        "querystring": querystring_without_page(request),
        "gaps": Gap.objects.filter(forum=forum, is_public=True)
        .exclude(status=GapStatus.RESOLVED).select_related("settlement", "service_type")
        .order_by("settlement__name", "service_type__order"),
    })


def _national_map(request, _platform):
    names, counts, mapped = queries.national_gaps_by_district()
    return render(request, "servicemap/national_map.html", {
        "map": district_map(names, counts, mapped),
    })


# Every forum's records bump the platform's version (publishing/cache.py), so a published
# gap shows at once; the 197 districts' polygons are drawn once per version, not per visit.
_cached_national_map = cached_public(_national_map)


@access.public
def national_map(request):
    """The national view: published gaps by district, for the platform's front page."""
    return _cached_national_map(request, PLATFORM)
