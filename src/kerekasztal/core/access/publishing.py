"""Access rules: Publishing and API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kerekasztal.core.access.roles import ANY_ROLE, AUDITOR, COORDINATOR, Role, _scoped_get

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User
    from kerekasztal.forums.models import Forum

    Viewer = User | AnonymousUser

_RULES_PUBLISHING: dict[str, frozenset[Role]] = {
    "publishing.view": frozenset({COORDINATOR, AUDITOR}),
    "publishing.manage": frozenset({COORDINATOR}),
    "api.tokens": ANY_ROLE,
    # The API's write endpoints follow the rules of the records they change
    # (organisations: "directory.manage").
}


def _publishing_get(model, user: Viewer, in_forum: Forum, pk: int, action: str, **scope):
    return _scoped_get(model, user, in_forum, action, pk=pk, **scope)


def post_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Post

    return _publishing_get(Post, user, forum, pk, action, forum=forum)


def document_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Document

    return _publishing_get(Document, user, forum, pk, action, forum=forum)


def album_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Album

    return _publishing_get(Album, user, forum, pk, action, forum=forum)


def photo_for(user: Viewer, forum: Forum, pk: int, action: str):
    from kerekasztal.publishing.models import Photo

    return _publishing_get(Photo, user, forum, pk, action, album__forum=forum)


def public_post_file(forum: Forum, post_pk: int, pk: int, what: str):
    """An image or attachment of a post, only while the post is public."""
    from kerekasztal.publishing.models import Post, PostAttachment, PostImage

    model = PostImage if what == "image" else PostAttachment
    return get_object_or_404(model, pk=pk, post_id=post_pk, post__forum=forum,
                             post__in=Post.objects.public())


def public_document(forum: Forum, pk: int):
    from kerekasztal.publishing.models import Document

    return get_object_or_404(Document.objects.public(), pk=pk, forum=forum)


def public_photo(forum: Forum, pk: int):
    from kerekasztal.publishing.models import Photo

    return get_object_or_404(Photo, pk=pk, album__forum=forum, album__published=True)


def api_token_for(user: Viewer, pk: int):
    """One of the user's own API tokens."""
    from kerekasztal.api.models import ApiToken

    if not user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(ApiToken, pk=pk, user=user)



def admin_site_allowed(user: Viewer) -> bool:
    """The Django admin is the operator's alone."""
    return bool(user.is_active and user.is_superuser)
