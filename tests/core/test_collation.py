"""Hungarian alphabetical order: the same in Python, SQLite and PostgreSQL (ICU)."""

import pytest

from kerekasztal.core.collation import hu, sort_key
from kerekasztal.territory.models import Settlement

# The Kőszeg district's settlements as a Hungarian reader expects them.
KOSZEG_DISTRICT = [
    "Bozsok", "Bük", "Cák", "Csepreg", "Gyöngyösfalu", "Horvátzsidány", "Iklanberény",
    "Kiszsidány", "Kőszeg", "Kőszegdoroszló", "Kőszegpaty", "Kőszegszerdahely", "Lócs",
    "Lukácsháza", "Nemescsó", "Ólmod", "Peresznye", "Pusztacsó", "Tormásliget", "Tömörd",
    "Velem",
]


@pytest.mark.parametrize(("before", "after"), [
    ("Cák", "Csepreg"),          # c < cs: cs is a letter of its own
    ("Czapár", "Csepreg"),       # ... so every c-word comes first
    ("Bánd", "Borzavár"),        # á is an a
    ("Borzavár", "Budapest"),
    ("Ipolyszög", "Írottkő"),    # í is an i, not after z
    ("Nemescsó", "Ólmod"),       # ó is an o
    ("Olaszfa", "Ólmod"),
    ("Ozora", "Öcsöd"),          # ö is a letter after o
    ("Öcsöd", "Őrbottyán"),      # ő is an ö with an accent ...
    ("Őrbottyán", "Öttevény"),   # ... which decides only between otherwise equal words
    ("Sárvár", "Szarvas"),       # s < sz
    ("Zalaegerszeg", "Zsámbék"),  # z < zs
    ("Gödöllő", "Gyál"),         # g < gy
    ("Kaszó", "Kasszó"),         # ssz is sz + sz
    ("kis", "Kis"),              # lower case first when nothing else differs
    ("Kis", "Kis Kút"),
    ("Kis Kút", "Kisbér"),       # a space before letters
    ("A2", "AB"),                # digits before letters
])
def test_pairs_in_hungarian_order(before, after):
    assert sort_key(before) < sort_key(after)


def test_a_districts_settlements_in_python():
    assert sorted(reversed(KOSZEG_DISTRICT), key=sort_key) == KOSZEG_DISTRICT


@pytest.mark.django_db
def test_the_database_orders_a_district_the_same_way():
    names = list(Settlement.objects.filter(district__name="Kőszegi járás")
                 .order_by(hu("name"), "pk").values_list("name", flat=True))
    assert names == KOSZEG_DISTRICT


@pytest.mark.django_db
def test_the_database_and_python_agree_on_every_settlement():
    names = list(Settlement.objects.order_by(hu("name"), "pk").values_list("name", flat=True))
    assert len(names) > 3000
    python = sorted(names, key=sort_key)
    mismatches = [(a, b) for a, b in zip(names, python, strict=True) if a != b]
    assert not mismatches, mismatches[:10]


@pytest.mark.django_db
def test_organisations_and_forums_list_in_hungarian_order():
    from kerekasztal.directory.models import Organisation
    from tests.factories import ForumFactory, OrganisationFactory

    forum = ForumFactory()
    for name in ("Ólmodi Egyesület", "Csepregi Sportegyesület", "Írottkő Szövetkezet",
                 "Cáki Nyugdíjasklub", "Budapesti Alapítvány", "Bándi Kör"):
        OrganisationFactory(forum=forum, name=name)
    names = list(Organisation.objects.filter(forum=forum).values_list("name", flat=True))
    assert names == ["Bándi Kör", "Budapesti Alapítvány", "Cáki Nyugdíjasklub",
                     "Csepregi Sportegyesület", "Írottkő Szövetkezet", "Ólmodi Egyesület"]
