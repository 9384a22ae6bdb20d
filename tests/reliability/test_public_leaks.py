"""Closed material never leaks through what the platform publishes (search, sitemap, feeds
and the front page read the apps' public sources; core/contracts.py).

The checks run on the whole demo data set, which every app extends with realistic records,
closed ones included: as the apps land, their public sources are held to the same rules.
"""

import pytest

from kerekasztal.core.contracts import public_sources
from kerekasztal.core.datasets.demo import demo_load
from kerekasztal.directory.models import Person
from kerekasztal.forums.models import Forum

pytestmark = pytest.mark.django_db

LIMIT = 300  # records per source


@pytest.fixture
def demo():
    return demo_load()


def test_every_published_record_opens_for_an_anonymous_visitor(client, demo):
    """A record a source offers but whose page is closed would leak its title and text
    into search results and feeds."""
    closed = []
    for kind, source in public_sources().items():
        for record in source.records(Forum.objects.all())[:LIMIT]:
            url = source.url(record)
            status = client.get(url).status_code
            if status != 200:
                closed.append(f"{kind}: {url} → {status}")
    assert not closed, closed


def test_published_records_carry_no_personal_contact_data(demo):
    forum_contacts = set(Forum.objects.values_list("contact_email", flat=True)) | set(
        Forum.objects.values_list("contact_phone", flat=True))
    personal = {
        value for pair in Person.objects.values_list("email", "phone") for value in pair
        if value and value not in forum_contacts
    }
    assert personal, "the demo data should have people with contact data"
    leaks = []
    for kind, source in public_sources().items():
        for record in source.records(Forum.objects.all())[:LIMIT]:
            published = f"{source.title(record)} {source.text(record)}"
            leaks += [f"{kind} #{record.pk}: {value}" for value in personal
                      if value in published]
    assert not leaks, leaks


def test_an_archived_or_erased_person_never_appears_on_a_public_page(client, demo):
    from kerekasztal.core.privacy.services import person_erase

    person = Person.objects.exclude(email="").first()
    name = person.name
    person_erase(person=person, user=None)
    for forum in Forum.objects.all():
        html = client.get(f"/f/{forum.slug}/").content.decode()
        assert name not in html
