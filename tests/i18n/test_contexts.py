"""Ambiguous Hungarian source words carry a context, so each meaning has its own English.

Django merges every app's catalogue into one: the same msgid without a context gets one
English text everywhere ("Cím" became "Address" on the news form). Each group below lists
(context, msgid) pairs that mean different things and must translate differently.
"""

import pytest
from django.utils import translation
from django.utils.translation import pgettext

MUST_DIFFER = [
    {("title", "Cím"): "Title", ("address", "Cím"): "Address"},
    {("title", "cím"): "title", ("address", "cím"): "address"},
    {("withdrawal", "Kilépés"): "Withdrawal", (None, "Kilépés"): "Log out"},
    {("person", "meghívó"): "inviter", (None, "meghívó"): "invitation"},
    {("measure", "Elmaradt"): "Dropped", ("commitment", "Elmaradt"): "Not fulfilled",
     (None, "Elmaradt"): "Cancelled"},
    {("EU funds", "Alapok"): "Funds", (None, "Alapok"): "Core"},
]


def _english(context, msgid):
    with translation.override("en"):
        return pgettext(context, msgid) if context else translation.gettext(msgid)


@pytest.mark.parametrize("group", MUST_DIFFER, ids=lambda g: next(iter(g))[1])
def test_each_meaning_has_its_own_english(group):
    assert {key: _english(*key) for key in group} == group


def test_news_and_agreement_forms_say_title_and_the_directory_says_address():
    from kerekasztal.agreements.forms import AgreementForm
    from kerekasztal.directory.models import Organisation
    from kerekasztal.publishing.models import Post

    with translation.override("en"):
        assert str(AgreementForm.base_fields["title"].label) == "Title"
        assert str(Post._meta.get_field("title").verbose_name) == "title"
        assert str(Organisation._meta.get_field("address").verbose_name) == "address"
