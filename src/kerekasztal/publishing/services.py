"""Writes of the publishing app: every one validated and in one transaction."""

from typing import Any

from django.db import transaction

from kerekasztal.core.richtext import sanitize

from .models import Album, Document, Photo, Post, PostAttachment, PostImage, SiteSettings

POST_FIELDS = ("kind", "title", "lead", "body", "status", "publish_at")


def _save(instance: Any, user: Any = None) -> Any:
    instance.full_clean()
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    instance.save()
    return instance


@transaction.atomic
def post_create(*, forum, user=None, images=(), attachments=(), **data: Any) -> Post:
    """A news item or press release. `images` are (file, alt_text, caption) triples,
    `attachments` (file, title) pairs."""
    data["body"] = sanitize(data.get("body", ""))
    post = _save(Post(forum=forum, created_by=user if user and user.is_authenticated else None,
                      **data), user)
    _add_files(post, images, attachments)
    return post


@transaction.atomic
def post_update(*, post: Post, user=None, images=(), attachments=(), **data: Any) -> Post:
    for name, value in data.items():
        if name not in POST_FIELDS:
            raise TypeError(name)
        setattr(post, name, sanitize(value) if name == "body" else value)
    _save(post, user)
    _add_files(post, images, attachments)
    return post


def _add_files(post: Post, images, attachments) -> None:
    for file, alt_text, caption in images:
        _save(PostImage(post=post, image=file, alt_text=alt_text, caption=caption,
                        order=post.images.count()))
    for file, title in attachments:
        _save(PostAttachment(post=post, file=file, title=title))


@transaction.atomic
def post_delete(*, post: Post) -> None:
    post.delete()


@transaction.atomic
def document_save(*, forum, document: Document | None = None, user=None,
                  **data: Any) -> Document:
    document = document or Document(forum=forum)
    for name, value in data.items():
        if name == "file" and not value:
            continue
        setattr(document, name, value)
    return _save(document, user)


@transaction.atomic
def album_save(*, forum, album: Album | None = None, user=None, **data: Any) -> Album:
    album = album or Album(forum=forum)
    for name, value in data.items():
        setattr(album, name, value)
    return _save(album, user)


@transaction.atomic
def photo_add(*, album: Album, image, alt_text: str, caption: str = "") -> Photo:
    return _save(Photo(album=album, image=image, alt_text=alt_text, caption=caption,
                       order=album.photos.count()))


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    photo.delete()


@transaction.atomic
def site_settings_update(*, forum, user=None, **data: Any) -> SiteSettings:
    settings, _created = SiteSettings.objects.get_or_create(forum=forum)
    for name, value in data.items():
        setattr(settings, name, value)
    return _save(settings, user)
