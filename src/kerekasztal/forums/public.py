"""The forums' public pages, for search, the sitemap and the front page (core/contracts.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

SOURCES = [
    PublicSource(
        kind="forums.forum",
        label=_("Fórumok"),
        records=lambda forums: forums,
        title=lambda forum: forum.name,
        text=lambda forum: " ".join(filter(None, [forum.territory_label, forum.description])),
        url=lambda forum: reverse("forums:public", args=[forum.slug]),
        date=lambda forum: forum.founded_on,
    ),
]
