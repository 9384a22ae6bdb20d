"""The publishing app's public records for search, the sitemap and the front page."""

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .models import Document, Post


def _post_url(post: Post) -> str:
    return reverse("publishing:post_detail", kwargs={"forum": post.forum.slug, "pk": post.pk})


def _document_url(document: Document) -> str:
    return reverse("publishing:document_list", kwargs={"forum": document.forum.slug}) \
        + f"#document-{document.pk}"


SOURCES = [
    PublicSource(
        kind="publishing.post",
        label=_("Hírek és sajtóközlemények"),
        records=lambda forums: Post.objects.public().filter(forum__in=forums)
        .select_related("forum"),
        title=lambda post: post.title,
        text=lambda post: " ".join(filter(None, [post.lead, strip_tags(post.body)])),
        url=_post_url,
        date=lambda post: post.publish_at,
    ),
    PublicSource(
        kind="publishing.document",
        label=_("Dokumentumok"),
        records=lambda forums: Document.objects.public().filter(forum__in=forums)
        .select_related("forum"),
        title=lambda document: document.title,
        text=lambda document: " ".join(filter(None, [document.get_kind_display(),
                                                     document.get_language_display(),
                                                     document.description])),
        url=_document_url,
        date=lambda document: document.issued_on,
    ),
]
