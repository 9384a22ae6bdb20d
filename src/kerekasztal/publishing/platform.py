"""The platform's own public pages: the front page with every forum on a map of Hungary,
search across every forum, the latest news feed, sitemap.xml and robots.txt."""

from functools import lru_cache
from xml.sax.saxutils import escape as xml_escape

from django import forms
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kerekasztal.core import access
from kerekasztal.core.contracts import public_sources
from kerekasztal.core.forms import Form
from kerekasztal.core.pages import paginate, querystring_without_page
from kerekasztal.forums import queries as forum_queries
from kerekasztal.forums.models import Forum, ForumKind
from kerekasztal.territory.geo import project
from kerekasztal.territory.models import County

from . import queries
from .cache import cached_public
from .views import _run_search

PLATFORM = "__platform__"
MAP_WIDTH = 640


class ForumFilterForm(Form):
    county = forms.ModelChoiceField(label=gettext_lazy("Vármegye"), required=False,
                                    queryset=County.objects.order_by("name"),
                                    empty_label=gettext_lazy("mind"))
    kind = forms.ChoiceField(label=gettext_lazy("Típus"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("mind"))] + list(ForumKind.choices)


@lru_cache(maxsize=2)
def _projection(level: str):
    return project(level, width=MAP_WIDTH)


def forum_map(forums) -> dict:
    """Counties as the background, the forums' districts and counties marked and linked."""
    districts = {shape.code: shape for shape in _projection("districts").shapes}
    counties = {shape.code: shape for shape in _projection("counties").shapes}
    marked = []
    for forum in forums:
        root = forum.root if forum.kind == ForumKind.WORKING_GROUP else forum
        if root.district_id and root.district.code in districts:
            shape = districts[root.district.code]
        elif root.county_id and root.county.code in counties:
            shape = counties[root.county.code]
        else:
            continue
        if forum.kind != ForumKind.WORKING_GROUP:
            marked.append({"forum": forum, "path": shape.path})
    return {"view_box": _projection("counties").view_box,
            "background": list(counties.values()), "marked": marked}


def _front_page(request):
    form = ForumFilterForm(request.GET or None)
    forums = forum_queries.forum_list().select_related("district__county", "parent__district",
                                                       "parent__county")
    if form.is_valid():
        if county := form.cleaned_data.get("county"):
            forums = forums.filter(county=county) | forums.filter(district__county=county)
        if kind := form.cleaned_data.get("kind"):
            forums = forums.filter(kind=kind)
    return form, forums


def _render(request, template, context):
    from django.shortcuts import render

    return render(request, template, context)


@access.public
def home(request):
    if request.user.is_authenticated:
        return _home(request, PLATFORM)
    return _cached_home(request, PLATFORM)


def upcoming_events(limit: int = 6):
    """Upcoming public events of every forum, from the search index of the events app's
    public source (kinds "events.*"), so this page needs no import of that app."""
    from django.utils import timezone

    from .models import SearchEntry
    from .search import ensure_fresh

    ensure_fresh(list(Forum.objects.all()))
    return list(SearchEntry.objects.filter(kind__startswith="events.",
                                           date__gte=timezone.localdate())
                .select_related("forum").order_by("date", "title")[:limit])


def _home(request, _slug):
    form, forums = _front_page(request)
    forums = list(forums)
    return _render(request, "publishing/home.html", {
        "filter_form": form, "forums": forums, "map": forum_map(forums),
        "latest": queries.latest_posts(6), "events": upcoming_events(),
        "my_forums": access.forums_of(request.user),
        "can_create_forum": access.can_create_forum(request.user),
        "querystring": querystring_without_page(request),
        "national_gaps": national_gaps_map(),
    })


def national_gaps_map():
    """The service map's national view (published open gaps by district), when installed."""
    from django.apps import apps

    if not apps.is_installed("kerekasztal.servicemap"):
        return None
    from kerekasztal.servicemap.maps import district_map
    from kerekasztal.servicemap.queries import national_gaps_by_district

    names, counts, mapped = national_gaps_by_district()
    return district_map(names, counts, mapped)


_cached_home = cached_public(_home)


@access.public
def forums_export(request, fmt):
    from kerekasztal.core.tabular import table_response

    _form, forums = _front_page(request)
    headers = [_("Név"), _("Típus"), _("Terület"), _("Tagszervezetek"), _("Webcím")]
    rows = ([f.name, f.get_kind_display(), f.territory_label, f.member_count,
             request.build_absolute_uri(reverse("forums:public", args=[f.slug]))]
            for f in forums)
    return table_response("forumok", headers, rows, fmt)


@access.public
def search_view(request):
    forums = list(Forum.objects.all())
    form, hits = _run_search(request, forums)
    return _render(request, "publishing/search.html", {
        "form": form, "hits": hits, "page": paginate(request, hits, 20), "platform": True,
        "querystring": querystring_without_page(request),
    })


@access.public
def search_export(request, fmt):
    from .views import search_table

    _form, hits = _run_search(request, list(Forum.objects.all()))
    return search_table(request, hits, "kereses", fmt)


class LatestFeed(Feed):
    title = gettext_lazy("Kerekasztal – a fórumok legfrissebb hírei")
    description = gettext_lazy("Hírek és sajtóközlemények minden fórumtól")

    def link(self):
        return reverse("publishing:home")

    def items(self):
        return queries.latest_posts(30)

    def item_title(self, post):
        return f"{post.title} ({post.forum.name})"

    def item_description(self, post):
        return post.lead

    def item_link(self, post):
        return reverse("publishing:post_detail", kwargs={"forum": post.forum.slug, "pk": post.pk})

    def item_pubdate(self, post):
        return post.publish_at


latest_rss = access.public(LatestFeed())

# The public pages of a forum's site that always exist (url names of this app and others).
FORUM_PAGES = ["forums:public", "publishing:news_list", "publishing:member_list",
               "publishing:document_list", "publishing:album_list", "publishing:contact",
               "publishing:accessibility", "publishing:privacy"]


@access.public
def sitemap(request):
    base = request.build_absolute_uri("/").rstrip("/")
    urls: list[tuple[str, str]] = [(base + reverse("publishing:home"), "")]
    forums = Forum.objects.all()
    for forum in forums:
        urls += [(base + reverse(name, kwargs={"forum": forum.slug}), "")
                 for name in FORUM_PAGES]
    for source in public_sources().values():
        if source.kind == "forums.forum":
            continue
        for record in source.records(forums):
            date = source.date(record)
            urls.append((base + source.url(record).split("#")[0],
                         date.isoformat()[:10] if date else ""))
    seen, lines = set(), []
    for url, date in urls:
        if url in seen:
            continue
        seen.add(url)
        lastmod = f"<lastmod>{date}</lastmod>" if date else ""
        lines.append(f"<url><loc>{xml_escape(url)}</loc>{lastmod}</url>")
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(lines) + "\n</urlset>\n")
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@access.public
def robots(request):
    sitemap_url = request.build_absolute_uri(reverse("publishing:sitemap"))
    body = "\n".join([
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /f/*/manage/",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {sitemap_url}",
        "",
    ])
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
