"""The publishing app: the forum's public site, the platform pages and the workspace."""

from . import MISSING, ROLES, Row, forum, public, workspace

VIEW = ("coordinator", "auditor")


def _post(w, status="published"):
    from kerekasztal.publishing import services
    from tests.publishing.conftest import make_post, pdf, png

    post = make_post(w.forum, title="Hír", status=status)
    services.post_update(post=post, images=[(png(), "Kép", "")],
                         attachments=[(pdf(), "Melléklet")])
    return post


def _public_post(w):
    w.post = _post(w)


def _draft(w):
    w.post = _post(w, status="draft")


def _post_kwargs(w):
    return {"forum": w.forum.slug, "pk": w.post.pk}


def _image_kwargs(w):
    return {"forum": w.forum.slug, "post": w.post.pk, "pk": w.post.images.get().pk}


def _attachment_kwargs(w):
    return {"forum": w.forum.slug, "post": w.post.pk, "pk": w.post.attachments.get().pk}


def _manage_image(w):
    return {"forum": w.forum.slug, "pk": w.post.pk, "file_pk": w.post.images.get().pk}


def _manage_attachment(w):
    return {"forum": w.forum.slug, "pk": w.post.pk, "file_pk": w.post.attachments.get().pk}


def _document(w, published=True):
    from tests.publishing.conftest import make_document

    w.document = make_document(w.forum, published=published)


def _unpublished_document(w):
    _document(w, published=False)


def _document_kwargs(w):
    return {"forum": w.forum.slug, "pk": w.document.pk}


def _album(w, published=True):
    from tests.publishing.conftest import make_album

    w.album = make_album(w.forum, published=published)
    w.photo = w.album.photos.get()


def _hidden_album(w):
    _album(w, published=False)


def _album_kwargs(w):
    return {"forum": w.forum.slug, "pk": w.album.pk}


def _photo_kwargs(w):
    return {"forum": w.forum.slug, "pk": w.photo.pk}


def _fmt(w):
    return {**forum(w), "fmt": "csv"}


NOWHERE = {role: MISSING for role in ROLES}

ROWS = [
    # the platform
    Row("publishing:home", lambda w: {}, public()),
    Row("publishing:home", lambda w: {}, public(), query="county=999&kind=bogus"),
    Row("publishing:forums_export", lambda w: {"fmt": "xlsx"}, public()),
    Row("publishing:platform_search", lambda w: {}, public(), query="q=%22fogyat%C3%A9kkal"),
    Row("publishing:platform_rss", lambda w: {}, public()),
    Row("publishing:sitemap", lambda w: {}, public()),
    Row("publishing:robots", lambda w: {}, public()),
    # a forum's public site
    Row("publishing:news_list", forum, public(), setup=_draft),
    Row("publishing:news_export", _fmt, public()),
    Row("publishing:news_rss", forum, public()),
    Row("publishing:news_atom", forum, public()),
    Row("publishing:post_detail", _post_kwargs, public(), setup=_public_post),
    Row("publishing:post_detail", _post_kwargs, NOWHERE, setup=_draft),
    Row("publishing:post_image", _image_kwargs, public(), setup=_public_post),
    Row("publishing:post_image", _image_kwargs, NOWHERE, setup=_draft),
    Row("publishing:post_attachment", _attachment_kwargs, public(), setup=_public_post),
    Row("publishing:post_attachment", _attachment_kwargs, NOWHERE, setup=_draft),
    Row("publishing:member_list", forum, public()),
    Row("publishing:member_export", _fmt, public()),
    Row("publishing:document_list", forum, public()),
    Row("publishing:document_export", _fmt, public()),
    Row("publishing:document_file", _document_kwargs, public(), setup=_document),
    Row("publishing:document_file", _document_kwargs, NOWHERE, setup=_unpublished_document),
    Row("publishing:album_list", forum, public()),
    Row("publishing:album_export", _fmt, public(), setup=_hidden_album),
    Row("publishing:album_detail", _album_kwargs, public(), setup=_album),
    Row("publishing:album_detail", _album_kwargs, NOWHERE, setup=_hidden_album),
    Row("publishing:photo_file", _photo_kwargs, public(), setup=_album),
    Row("publishing:photo_file", _photo_kwargs, NOWHERE, setup=_hidden_album),
    Row("publishing:contact", forum, public()),
    Row("publishing:accessibility", forum, public()),
    Row("publishing:privacy", forum, public()),
    Row("publishing:search", forum, public(), query="q=ülés"),
    Row("publishing:search_export", _fmt, public(), query="q=hír", setup=_draft),
    Row("publishing:platform_search_export", lambda w: {"fmt": "xlsx"}, public(),
        query="q=kerekasztal"),
    # the workspace
    Row("publishing:manage_posts", forum, workspace(*VIEW)),
    Row("publishing:manage_posts_export", _fmt, workspace(*VIEW)),
    Row("publishing:post_create", forum, workspace("coordinator")),
    Row("publishing:post_create", forum, workspace("coordinator"), method="POST"),
    Row("publishing:post_edit", _post_kwargs, workspace("coordinator"), setup=_draft),
    Row("publishing:post_delete", _post_kwargs, workspace("coordinator"), method="POST",
        setup=_draft),
    Row("publishing:manage_post_image", _manage_image, workspace(*VIEW), setup=_draft),
    Row("publishing:manage_post_attachment", _manage_attachment, workspace(*VIEW),
        setup=_draft),
    Row("publishing:manage_documents", forum, workspace(*VIEW)),
    Row("publishing:manage_documents_export", _fmt, workspace(*VIEW)),
    Row("publishing:document_create", forum, workspace("coordinator")),
    Row("publishing:document_edit", _document_kwargs, workspace("coordinator"),
        setup=_unpublished_document),
    Row("publishing:manage_document_file", _document_kwargs, workspace(*VIEW),
        setup=_unpublished_document),
    Row("publishing:manage_albums", forum, workspace(*VIEW)),
    Row("publishing:manage_albums_export", _fmt, workspace(*VIEW)),
    Row("publishing:album_create", forum, workspace("coordinator")),
    Row("publishing:album_edit", _album_kwargs, workspace("coordinator"), setup=_hidden_album),
    Row("publishing:manage_photo_file", _photo_kwargs, workspace(*VIEW), setup=_hidden_album),
    Row("publishing:photo_delete", _photo_kwargs, workspace("coordinator"), method="POST",
        setup=_hidden_album),
    Row("publishing:site_settings", forum, workspace("coordinator")),
    Row("publishing:site_settings", forum, workspace("coordinator"), method="POST"),
]
