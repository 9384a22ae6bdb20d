from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from kerekasztal.core import access, hungarian
from kerekasztal.core.forms import ConfirmForm
from kerekasztal.core.pages import (
    paginate,
    querystring_without_page,
    render_public,
    render_workspace,
)
from kerekasztal.core.records.files import serve
from kerekasztal.core.tabular import table_response

from . import queries, services
from .cache import cached_public
from .forms import (
    AlbumForm,
    DocumentFilterForm,
    DocumentForm,
    NewsFilterForm,
    PhotoForm,
    PostForm,
    SearchForm,
    SiteSettingsForm,
)
from .search import ensure_fresh, search
from .sections import sections_for

# --- public: news ------------------------------------------------------------------------


def _news(request, forum):
    form = NewsFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind") if form.is_valid() else None
    return form, queries.public_posts([forum], kind=kind or None)


@access.public
@cached_public
def news_list(request, forum):
    forum = access.forum_public(forum)
    form, posts = _news(request, forum)
    return render_public(request, forum, "publishing/news_list.html", {
        "filter_form": form, "page": paginate(request, posts, 20),
        "querystring": querystring_without_page(request),
        "other_releases": other_press_releases(forum),
    })


# Press releases that other apps publish as their own public records (the projects app's
# generated releases), listed on the Aktuális page from the search index.
OTHER_RELEASE_KINDS = ("projects.press_release",)


def other_press_releases(forum, limit: int = 20):
    from .models import SearchEntry

    ensure_fresh([forum])
    return list(SearchEntry.objects.filter(forum=forum, kind__in=OTHER_RELEASE_KINDS)
                .order_by("-date", "title")[:limit])


@access.public
def news_export(request, forum, fmt):
    forum = access.forum_public(forum)
    _form, posts = _news(request, forum)
    headers = [_("Megjelenés"), _("Fajta"), pgettext("title", "Cím"), _("Bevezető"), _("Webcím")]
    rows = ([timezone_local(p.publish_at), p.get_kind_display(), p.title, p.lead,
             request.build_absolute_uri(reverse("publishing:post_detail",
                                                kwargs={"forum": forum.slug, "pk": p.pk}))]
            for p in posts)
    return table_response(f"hirek-{forum.slug}", headers, rows, fmt)


def timezone_local(value):
    from django.utils import timezone

    return timezone.localtime(value).replace(tzinfo=None)


@access.public
@cached_public
def post_detail(request, forum, pk):
    forum = access.forum_public(forum)
    post = queries.public_post(forum, pk)
    return render_public(request, forum, "publishing/post_detail.html", {"post": post})


@access.public
def post_image(request, forum, post, pk):
    forum = access.forum_public(forum)
    image = access.public_post_file(forum, post, pk, "image")
    return serve(image.image, image.alt_text, inline=True)


@access.public
def post_attachment(request, forum, post, pk):
    forum = access.forum_public(forum)
    attachment = access.public_post_file(forum, post, pk, "attachment")
    return serve(attachment.file, attachment.title)


class NewsFeed(Feed):
    """RSS 2.0 of a forum's news and press releases."""

    def get_object(self, request, forum):
        return access.forum_public(forum)

    def title(self, forum):
        return _("%s – hírek") % forum.name

    def link(self, forum):
        return reverse("publishing:news_list", kwargs={"forum": forum.slug})

    def description(self, forum):
        return _("%s hírei és sajtóközleményei") % hungarian.with_article(forum.name, capital=True)

    def items(self, forum):
        return queries.public_posts([forum])[:30]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead or strip_tags(post.body)[:500]

    def item_link(self, post):
        return reverse("publishing:post_detail", kwargs={"forum": post.forum.slug, "pk": post.pk})

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_categories(self, post):
        return [post.get_kind_display()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


news_rss = access.public(NewsFeed())
news_atom = access.public(NewsAtomFeed())


# --- public: members -----------------------------------------------------------------------


@access.public
@cached_public
def member_list(request, forum):
    from kerekasztal.forums.queries import public_members

    forum = access.forum_public(forum)
    return render_public(request, forum, "publishing/member_list.html", {
        "members": public_members(forum)})


@access.public
def member_export(request, forum, fmt):
    from kerekasztal.forums.queries import public_members

    forum = access.forum_public(forum)
    headers = [_("Szervezet"), _("Típus"), _("Szerep"), _("Tagság kezdete")]
    rows = ([m.organisation.name, m.organisation.get_kind_display(), m.get_role_display(),
             m.since] for m in public_members(forum))
    return table_response(f"tagok-{forum.slug}", headers, rows, fmt)


# --- public: documents, gallery, sections --------------------------------------------------


def _documents(request, forum):
    form = DocumentFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, queries.public_documents(forum, kind=data.get("kind") or None,
                                          language=data.get("language") or None)


@access.public
@cached_public
def document_list(request, forum):
    forum = access.forum_public(forum)
    form, documents = _documents(request, forum)
    return render_public(request, forum, "publishing/document_list.html", {
        "filter_form": form, "page": paginate(request, documents),
        "querystring": querystring_without_page(request),
    })


@access.public
def document_export(request, forum, fmt):
    forum = access.forum_public(forum)
    _form, documents = _documents(request, forum)
    headers = [pgettext("title", "Cím"), _("Fajta"), _("Nyelv"), _("Kelte"),
               _("Eredeti dokumentum"), _("Webcím")]
    rows = []
    for document in documents:
        for item in [document, *document.translations.all()]:
            rows.append([item.title, item.get_kind_display(), item.get_language_display(),
                         item.issued_on, document.title if item is not document else "",
                         request.build_absolute_uri(reverse(
                             "publishing:document_file",
                             kwargs={"forum": forum.slug, "pk": item.pk}))])
    return table_response(f"dokumentumok-{forum.slug}", headers, rows, fmt)


@access.public
def document_file(request, forum, pk):
    forum = access.forum_public(forum)
    document = access.public_document(forum, pk)
    return serve(document.file, f"{document.title}-{document.language}", inline=True)


@access.public
@cached_public
def album_list(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "publishing/album_list.html", {
        "albums": queries.public_albums(forum)})


@access.public
def album_export(request, forum, fmt):
    forum = access.forum_public(forum)
    headers = [pgettext("title", "Cím"), _("Dátum"), _("Képek"), _("Webcím")]
    rows = ([album.title, album.taken_on, album.photo_count,
             request.build_absolute_uri(reverse("publishing:album_detail",
                                                kwargs={"forum": forum.slug, "pk": album.pk}))]
            for album in queries.public_albums(forum))
    return table_response(f"galeria-{forum.slug}", headers, rows, fmt)


@access.public
@cached_public
def album_detail(request, forum, pk):
    from django.http import Http404

    forum = access.forum_public(forum)
    album = queries.public_albums(forum).filter(pk=pk).first()
    if album is None:
        raise Http404
    return render_public(request, forum, "publishing/album_detail.html", {"album": album})


@access.public
def photo_file(request, forum, pk):
    forum = access.forum_public(forum)
    photo = access.public_photo(forum, pk)
    return serve(photo.image, photo.alt_text, inline=True)


@access.public
@cached_public
def contact(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "publishing/contact.html", {
        "sections": sections_for(forum)})


@access.public
@cached_public
def accessibility(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "publishing/accessibility.html", {
        "sections": sections_for(forum)})


@access.public
@cached_public
def privacy(request, forum):
    forum = access.forum_public(forum)
    return render_public(request, forum, "publishing/privacy.html", {
        "sections": sections_for(forum)})


@access.public
def forum_search(request, forum):
    forum = access.forum_public(forum)
    form, hits = _run_search(request, [forum])
    return render_public(request, forum, "publishing/search.html", {
        "form": form, "hits": hits, "page": paginate(request, hits, 20),
        "querystring": querystring_without_page(request),
    })


@access.public
def forum_search_export(request, forum, fmt):
    forum = access.forum_public(forum)
    _form, hits = _run_search(request, [forum])
    return search_table(request, hits, f"kereses-{forum.slug}", fmt)


def search_table(request, hits, filename, fmt):
    headers = [pgettext("title", "Cím"), _("Fajta"), _("Fórum"), _("Dátum"), _("Webcím")]
    rows = ([hit.entry.title, hit.label, hit.entry.forum.name if hit.entry.forum else "",
             hit.entry.date, request.build_absolute_uri(hit.entry.url)] for hit in hits)
    return table_response(filename, headers, rows, fmt)


def _run_search(request, forums):
    form = SearchForm(request.GET or None)
    hits = []
    if form.is_valid() and form.cleaned_data["q"]:
        ensure_fresh(forums)
        hits = search(form.cleaned_data["q"], forums)
    return form, hits


# --- workspace: news ---------------------------------------------------------------------


def manage_posts(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.view")
    return render_workspace(request, forum, "publishing/manage_posts.html", {
        "page": paginate(request, queries.workspace_posts(forum)),
        "querystring": querystring_without_page(request),
    })


def manage_posts_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "publishing.view")
    headers = [_("Megjelenés"), _("Fajta"), pgettext("title", "Cím"), _("Állapot"), _("Képek"),
               _("Mellékletek")]
    rows = ([timezone_local(p.publish_at), p.get_kind_display(), p.title,
             p.get_status_display(), p.image_count, p.attachment_count]
            for p in queries.workspace_posts(forum))
    return table_response(f"hirek-kezelese-{forum.slug}", headers, rows, fmt)


def _post_form(request, forum, post=None):
    form = PostForm(request.POST or None, request.FILES or None, instance=post)
    if request.method == "POST" and form.is_valid():
        images, attachments = form.uploads()
        try:
            if post is None:
                post = services.post_create(forum=forum, user=request.user, images=images,
                                            attachments=attachments, **form.post_data())
            else:
                services.post_update(post=post, user=request.user, images=images,
                                     attachments=attachments, **form.post_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A hírt mentettük."))
            return redirect("publishing:post_edit", forum=forum.slug, pk=post.pk)
    return render_workspace(request, forum, "publishing/post_form.html", {
        "form": form, "post": post, "confirm_form": ConfirmForm()})



def post_create(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    return _post_form(request, forum)


def post_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    post = access.post_for(request.user, forum, pk, "publishing.manage")
    return _post_form(request, forum, post)


@require_POST
def post_delete(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    post = access.post_for(request.user, forum, pk, "publishing.manage")
    services.post_delete(post=post)
    messages.success(request, _("A hírt töröltük."))
    return redirect("publishing:manage_posts", forum=forum.slug)


def manage_post_file(request, forum, pk, what, file_pk):
    """A draft's image or attachment, for those who manage the site."""
    from django.http import Http404

    forum = access.forum_for(request.user, forum, "publishing.view")
    post = access.post_for(request.user, forum, pk, "publishing.view")
    related = post.images if what == "image" else post.attachments
    item = related.filter(pk=file_pk).first()
    if item is None:
        raise Http404
    return serve(item.image if what == "image" else item.file, str(item))


# --- workspace: documents, gallery, settings -----------------------------------------------


def manage_documents(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.view")
    return render_workspace(request, forum, "publishing/manage_documents.html", {
        "page": paginate(request, queries.workspace_documents(forum)),
        "querystring": querystring_without_page(request),
    })


def manage_documents_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "publishing.view")
    headers = [pgettext("title", "Cím"), _("Fajta"), _("Nyelv"), _("Eredeti dokumentum"),
               _("Kelte"), _("Nyilvános")]
    rows = ([d.title, d.get_kind_display(), d.get_language_display(),
             d.translation_of.title if d.translation_of else "", d.issued_on,
             _("igen") if d.published else _("nem")]
            for d in queries.workspace_documents(forum))
    return table_response(f"dokumentumok-kezelese-{forum.slug}", headers, rows, fmt)


def _document_form(request, forum, document=None):
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document,
                        forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_save(forum=forum, document=document,
                                              user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A dokumentumot mentettük."))
            return redirect("publishing:manage_documents", forum=forum.slug)
    return render_workspace(request, forum, "publishing/document_form.html", {
        "form": form, "document": document})


def document_create(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    return _document_form(request, forum)


def document_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    document = access.document_for(request.user, forum, pk, "publishing.manage")
    return _document_form(request, forum, document)


def manage_document_file(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.view")
    document = access.document_for(request.user, forum, pk, "publishing.view")
    return serve(document.file, document.title)


def manage_albums(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.view")
    from django.db.models import Count

    albums = forum.albums.annotate(photo_count=Count("photos")).order_by("-taken_on", "-pk")
    return render_workspace(request, forum, "publishing/manage_albums.html", {
        "albums": albums})


def manage_albums_export(request, forum, fmt):
    forum = access.forum_for(request.user, forum, "publishing.view")
    from django.db.models import Count

    headers = [pgettext("title", "Cím"), _("Dátum"), _("Képek"), _("Nyilvános")]
    rows = ([album.title, album.taken_on, album.photo_count,
             _("igen") if album.published else _("nem")]
            for album in forum.albums.annotate(photo_count=Count("photos"))
            .order_by("-taken_on", "-pk"))
    return table_response(f"galeria-kezelese-{forum.slug}", headers, rows, fmt)


def album_create(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    form = AlbumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        album = services.album_save(forum=forum, user=request.user, **form.cleaned_data)
        messages.success(request, _("Az albumot létrehoztuk; most feltöltheti a képeket."))
        return redirect("publishing:album_edit", forum=forum.slug, pk=album.pk)
    return render_workspace(request, forum, "publishing/album_form.html", {"form": form})


def album_edit(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    album = access.album_for(request.user, forum, pk, "publishing.manage")
    form = AlbumForm(instance=album)
    photo_form = PhotoForm()
    if request.method == "POST":
        if "alt_text" in request.POST:
            photo_form = PhotoForm(request.POST, request.FILES)
            if photo_form.is_valid():
                try:
                    services.photo_add(album=album, **photo_form.cleaned_data)
                except ValidationError as exc:
                    photo_form.add_error(None, exc)
                else:
                    messages.success(request, _("A képet feltöltöttük."))
                    return redirect("publishing:album_edit", forum=forum.slug, pk=album.pk)
        else:
            form = AlbumForm(request.POST, instance=album)
            if form.is_valid():
                services.album_save(forum=forum, album=album, user=request.user,
                                    **form.cleaned_data)
                messages.success(request, _("A változásokat mentettük."))
                return redirect("publishing:album_edit", forum=forum.slug, pk=album.pk)
    return render_workspace(request, forum, "publishing/album_form.html", {
        "form": form, "photo_form": photo_form, "album": album,
        "photos": album.photos.all(), "confirm_form": ConfirmForm()})


@require_POST
def photo_delete(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    photo = access.photo_for(request.user, forum, pk, "publishing.manage")
    album = photo.album
    services.photo_delete(photo=photo)
    messages.success(request, _("A képet töröltük."))
    return redirect("publishing:album_edit", forum=forum.slug, pk=album.pk)


def manage_photo_file(request, forum, pk):
    forum = access.forum_for(request.user, forum, "publishing.view")
    photo = access.photo_for(request.user, forum, pk, "publishing.view")
    return serve(photo.image, photo.alt_text, inline=True)


def site_settings(request, forum):
    forum = access.forum_for(request.user, forum, "publishing.manage")
    sections = sections_for(forum)
    form = SiteSettingsForm(request.POST or None, instance=sections.settings)
    if request.method == "POST" and form.is_valid():
        services.site_settings_update(forum=forum, user=request.user, **form.cleaned_data)
        messages.success(request, _("A változásokat mentettük."))
        return redirect("publishing:site_settings", forum=forum.slug)
    return render_workspace(request, forum, "publishing/site_settings.html", {
        "form": form, "sections": sections})
