"""The forums' signed agreements, for search, the sitemap and the front page
(core/contracts.py). Drafts and agreements open for signature are never here."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.contracts import PublicSource

from .queries import public_agreements

SOURCES = [
    PublicSource(
        kind="agreements.agreement",
        label=_("Együttműködési megállapodások"),
        records=public_agreements,
        title=lambda agreement: agreement.title,
        text=lambda agreement: " ".join([
            agreement.purpose, *(p.organisation.name for p in agreement.parties.all())]),
        url=lambda agreement: reverse("agreements:public_detail",
                                      args=[agreement.forum.slug, agreement.pk]),
        date=lambda agreement: agreement.signed_on,
    ),
]
