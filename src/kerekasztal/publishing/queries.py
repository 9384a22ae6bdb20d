"""Reads shared by the public pages, the workspace, feeds and the API."""

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from .models import Album, Document, Photo, Post


def public_posts(forums, *, kind: str | None = None) -> QuerySet[Post]:
    qs = (Post.objects.public().filter(forum__in=forums)
          .select_related("forum").prefetch_related("images"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-publish_at", "-pk")


def public_post(forum, pk: int) -> Post:
    from django.http import Http404

    post = (Post.objects.public().filter(forum=forum, pk=pk)
            .prefetch_related("images", "attachments").first())
    if post is None:
        raise Http404
    return post


def workspace_posts(forum) -> QuerySet[Post]:
    return (Post.objects.filter(forum=forum).select_related("created_by")
            .annotate(image_count=Count("images", distinct=True),
                      attachment_count=Count("attachments", distinct=True))
            .order_by("-publish_at", "-pk"))


def public_documents(forum, *, kind: str | None = None,
                     language: str | None = None) -> QuerySet[Document]:
    """Originals with their public translations (translations are listed under them)."""
    translations = Document.objects.public().order_by("language")
    qs = (Document.objects.public().filter(forum=forum, translation_of__isnull=True)
          .prefetch_related(Prefetch("translations", translations)))
    if kind:
        qs = qs.filter(kind=kind)
    if language:
        qs = qs.filter(language=language) | qs.filter(translations__language=language,
                                                      translations__published=True)
        qs = qs.distinct()
    return qs.order_by("-issued_on", "title")


def workspace_documents(forum) -> QuerySet[Document]:
    return (Document.objects.filter(forum=forum).select_related("translation_of")
            .order_by("translation_of__title", "title"))


def public_albums(forum) -> QuerySet[Album]:
    first = Photo.objects.order_by("order", "pk")
    return (Album.objects.filter(forum=forum, published=True)
            .annotate(photo_count=Count("photos"))
            .prefetch_related(Prefetch("photos", first))
            .order_by("-taken_on", "-pk"))


def latest_posts(limit: int = 6) -> list[Post]:
    return list(Post.objects.public(timezone.now()).select_related("forum")
                .order_by("-publish_at", "-pk")[:limit])
