"""Read endpoints of the public news and documents (mounted at /api/v1/publishing/)."""

import datetime

from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from kerekasztal.api.errors import BadRequest, reject_unknown
from kerekasztal.api.pagination import PageNumber
from kerekasztal.core import access
from kerekasztal.forums.models import Forum

from . import queries
from .models import Document, Language, PostKind

router = Router(tags=["hírek és dokumentumok"])


class PostOut(Schema):
    id: int
    forum: str
    kind: str
    kind_label: str
    title: str
    lead: str
    body_html: str
    published_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_forum(post):
        return post.forum.slug

    @staticmethod
    def resolve_kind_label(post):
        return post.get_kind_display()

    @staticmethod
    def resolve_body_html(post):
        from kerekasztal.core.richtext import sanitize

        return sanitize(post.body)

    @staticmethod
    def resolve_published_at(post):
        return post.publish_at

    @staticmethod
    def resolve_url(post):
        return reverse("publishing:post_detail", kwargs={"forum": post.forum.slug,
                                                         "pk": post.pk})


class DocumentOut(Schema):
    id: int
    forum: str
    title: str
    kind: str
    language: str
    issued_on: datetime.date | None
    description: str
    translation_of: int | None
    file_url: str

    @staticmethod
    def resolve_forum(document):
        return document.forum.slug

    @staticmethod
    def resolve_translation_of(document):
        return document.translation_of_id

    @staticmethod
    def resolve_file_url(document):
        return reverse("publishing:document_file", kwargs={"forum": document.forum.slug,
                                                           "pk": document.pk})


def _forums(slug: str | None):
    if slug:
        return [access.forum_public(slug)]
    return Forum.objects.all()


@router.get("/news/", response=list[PostOut], url_name="publishing_news_list",
            summary="Közzétett hírek és sajtóközlemények (szűrés: forum, kind)")
@paginate(PageNumber)
def news_list(request, forum: str | None = None, kind: str | None = None):
    reject_unknown(request, {"forum", "kind"})
    if kind and kind not in PostKind.values:
        raise BadRequest(f"kind: {', '.join(PostKind.values)}", field="kind")
    return queries.public_posts(_forums(forum), kind=kind)


@router.get("/news/{pk}/", response=PostOut, url_name="publishing_news_detail")
def news_detail(request, pk: int):
    reject_unknown(request, set())
    post = queries.public_posts(Forum.objects.all()).filter(pk=pk).first()
    if post is None:
        from django.http import Http404

        raise Http404
    return post


@router.get("/documents/", response=list[DocumentOut], url_name="publishing_document_list",
            summary="Nyilvános dokumentumok és fordításaik (szűrés: forum, language)")
@paginate(PageNumber)
def document_list(request, forum: str | None = None, language: str | None = None):
    reject_unknown(request, {"forum", "language"})
    if language and language not in Language.values:
        raise BadRequest(f"language: {', '.join(Language.values)}", field="language")
    documents = (Document.objects.public().filter(forum__in=_forums(forum))
                 .select_related("forum").order_by("forum__name", "title", "pk"))
    if language:
        documents = documents.filter(language=language)
    return documents
