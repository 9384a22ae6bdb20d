"""Writes of the publishing app: every one validated and in one transaction."""

import datetime
from typing import Any, TypedDict, Unpack

from django.core.files import File
from django.db import transaction

from kerekasztal.core.richtext import sanitize
from kerekasztal.core.typeddata import check_fields, field_names

from .models import Album, Document, Photo, Post, PostAttachment, PostImage, SiteSettings


class PostFields(TypedDict, total=False):
    """What the services may set on a post."""

    kind: str
    title: str
    lead: str
    body: str
    status: str
    publish_at: datetime.datetime


class DocumentFields(TypedDict, total=False):
    """What the services may set on a document."""

    title: str
    kind: str
    language: str
    translation_of: Document | None
    issued_on: datetime.date | None
    description: str
    file: File
    published: bool


class AlbumFields(TypedDict, total=False):
    """What the services may set on an album."""

    title: str
    taken_on: datetime.date | None
    description: str
    published: bool


class SiteSettingsFields(TypedDict, total=False):
    """What the services may set in a forum's site settings."""

    contact_hours: str
    contact_note: str
    compliance: str
    non_accessible: str
    alternatives: str
    statement_prepared_on: datetime.date | None
    statement_reviewed_on: datetime.date | None
    assessment_method: str
    accessibility_contact: str
    enforcement: str
    controller: str
    dpo_contact: str
    privacy_extra: str


POST_FIELDS = field_names(PostFields)


def _save(instance: Any, user: Any = None) -> Any:
    instance.full_clean()
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    instance.save()
    return instance


@transaction.atomic
def post_create(*, forum, user=None, images=(), attachments=(), **data: Unpack[PostFields]) -> Post:
    """A news item or press release. `images` are (file, alt_text, caption) triples,
    `attachments` (file, title) pairs."""
    check_fields(data, POST_FIELDS, "post")
    data["body"] = sanitize(data.get("body", ""))
    post = _save(Post(forum=forum, created_by=user if user and user.is_authenticated else None,
                      **data), user)
    _add_files(post, images, attachments)
    return post


@transaction.atomic
def post_update(
    *, post: Post, user=None, images=(), attachments=(), **data: Unpack[PostFields],
) -> Post:
    check_fields(data, POST_FIELDS, "post")
    for name, value in data.items():
        setattr(post, name, sanitize(str(value)) if name == "body" else value)
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
                  **data: Unpack[DocumentFields]) -> Document:
    check_fields(data, field_names(DocumentFields), "document")
    document = document or Document(forum=forum)
    for name, value in data.items():
        if name == "file" and not value:
            continue
        setattr(document, name, value)
    return _save(document, user)


@transaction.atomic
def album_save(
    *, forum, album: Album | None = None, user=None, **data: Unpack[AlbumFields],
) -> Album:
    check_fields(data, field_names(AlbumFields), "album")
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
def site_settings_update(*, forum, user=None, **data: Unpack[SiteSettingsFields]) -> SiteSettings:
    check_fields(data, field_names(SiteSettingsFields), "site settings")
    settings, _created = SiteSettings.objects.get_or_create(forum=forum)
    for name, value in data.items():
        setattr(settings, name, value)
    return _save(settings, user)
