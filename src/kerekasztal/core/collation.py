"""Hungarian alphabetical order, the same in PostgreSQL, SQLite and Python.

PostgreSQL orders with its ICU collation `hu-HU-x-icu`. SQLite gets ours, `hu_HU`
(registered on every connection, see CoreConfig.ready), and Python sorts use `sort_key`,
both following the Hungarian rules ICU applies. `HU` is the name for the database in use:
name fields carry it (`db_collation=HU`), so every ORDER BY on them is Hungarian.

- the letters cs, dz, dzs, gy, ly, ny, sz, ty, zs are letters of their own (c < cs,
  s < sz, z < zs), and a doubled one is two of them (ssz = sz + sz, as in "Asszony");
- accents are folded into their letter first (á = a, é = e, í = i, ó = o, ú = u, ő = ö,
  ű = ü): they decide only between otherwise equal words (a before á); ö and ü are
  letters of their own, after o and u;
- spaces and punctuation sort before digits, digits before letters, lower case before
  upper case when nothing else differs.

Name fields carry the collation (`db_collation=HU`: territory, organisations, people, forums,
users, target groups, topics), so their default ordering is Hungarian; other queries order
by `.order_by(hu("name"), "pk")` (descending: `hu("name").desc()`); Python
sorts by `sorted(items, key=lambda o: sort_key(o.name))`.
"""

from __future__ import annotations

import functools
import unicodedata

from django.db.models import F
from django.db.models.functions import Collate


def _collation_name() -> str:
    """PostgreSQL's built-in ICU collation; on SQLite ours, under a name SQLite's column
    definitions accept unquoted (Django writes `COLLATE <name>` there as it is)."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    return "hu-HU-x-icu" if "postgresql" in engine else "hu_HU"


HU = _collation_name()

_ALPHABET = ("a b c cs d dz dzs e f g gy h i j k l ly m n ny o ö p q r s sz t ty u ü v w x y "
             "z zs").split()
_RANK = {letter: 300 + index for index, letter in enumerate(_ALPHABET)}
_FOLD = {"á": "a", "é": "e", "í": "i", "ó": "o", "ő": "ö", "ú": "u", "ű": "ü"}
_DIGRAPHS = ("dzs", "cs", "dz", "gy", "ly", "ny", "sz", "ty", "zs")
# A doubled digraph is written with its first letter doubled: "ssz" is sz + sz.
_DOUBLED = {"ddzs": "dzs", **{d[0] + d: d for d in _DIGRAPHS if d != "dzs"}}


def _base(ch: str) -> str:
    """A letter without accents other than Hungarian ö/ü: 'ä' → 'a', 'ő' → 'ö'."""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch in "öü":
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0]


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """The text as Hungarian letters: (letter, accented, upper case)."""
    lower = text.lower()
    out: list[tuple[str, bool, bool]] = []
    i = 0
    while i < len(lower):
        upper = text[i].isupper()
        for double, digraph in _DOUBLED.items():
            if lower.startswith(double, i):
                out += [(digraph, False, upper), (digraph, False, upper)]
                i += len(double)
                break
        else:
            for digraph in _DIGRAPHS:
                if lower.startswith(digraph, i):
                    out.append((digraph, False, upper))
                    i += len(digraph)
                    break
            else:
                ch = lower[i]
                base = _base(ch)
                out.append((base, base != ch, upper))
                i += 1
    return out


def _primary(letter: str) -> int:
    if letter in _RANK:
        return _RANK[letter]
    if letter.isdigit():
        return 200 + int(letter) if letter in "0123456789" else 210
    if letter.isspace():
        return 1
    if letter.isalpha():  # a letter of another alphabet: after the Hungarian ones
        return 1000 + ord(letter)
    return 2 + min(ord(letter), 190)  # punctuation and symbols


@functools.lru_cache(maxsize=65536)
def sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]:
    """Hungarian alphabetical order of a text, for Python's `sorted(key=...)`. The text itself
    breaks the last ties, so only identical texts are equal (as in PostgreSQL's
    deterministic ICU collations): a unique name stays unique."""
    tokens = _tokens(text or "")
    return (tuple(_primary(letter) for letter, _, _ in tokens),
            tuple(int(accented) for _, accented, _ in tokens),
            tuple(int(upper) for _, _, upper in tokens),
            text or "")


def compare(a: str | None, b: str | None) -> int:
    """-1, 0 or 1: the comparison SQLite's collation calls."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def hu(field: str) -> Collate:
    """An expression ordering a text field in Hungarian order: `.order_by(hu("name"))`."""
    return Collate(F(field), HU)


def register_sqlite(sender, connection, **kwargs) -> None:
    """Gives every SQLite connection the collation PostgreSQL has built in."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(HU, compare)
