"""Organisation names as people type them: "Bozsok Község Önkormányzata", "bozsok kozseg
onkormanyzata", "Bozsok Önkormányzat" and "Bozsok község önkormányzat" name the same
organisation. Imports use this to find the organisation a cell names; a name that matches
none, or several, is the row's error, never a new record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kerekasztal.core.text import fold

# Words of a municipality's formal name that people leave out or vary (folded).
_FORMAL = {"kozseg", "kozsegi", "nagykozseg", "nagykozsegi", "varos", "varosi", "megyei",
           "jogu", "onkormanyzata", "onkormanyzat", "onkormanyzati"}
_MUNICIPAL = {"onkormanyzata", "onkormanyzat", "onkormanyzati"}
_WORDS = re.compile(r"[\w]+")


def name_key(name: str) -> str:
    """Folded words of a name, without punctuation and extra spaces."""
    return " ".join(_WORDS.findall(fold(name)))


def loose_key(name: str) -> str:
    """The key of a name without the formal words of a municipality's name (only when it is
    a municipality: "Kőszegi Roma Nemzetiségi Önkormányzat" keeps "roma nemzetisegi")."""
    words = name_key(name).split()
    if not _MUNICIPAL & set(words):
        return " ".join(words)
    return " ".join(w for w in words if w not in _FORMAL)


@dataclass
class OrganisationMatcher:
    """Finds organisations of one forum's directory by the names people type."""

    organisations: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self._exact: dict[str, list] = {}
        self._loose: dict[str, list] = {}
        for organisation in self.organisations:
            self._exact.setdefault(name_key(organisation.name), []).append(organisation)
            self._loose.setdefault(loose_key(organisation.name), []).append(organisation)

    @classmethod
    def for_forum(cls, forum) -> OrganisationMatcher:
        from .models import Organisation

        return cls(list(Organisation.objects.filter(forum=forum.root,
                                                    archived_at__isnull=True)))

    def find(self, name: str):
        """The one organisation `name` means; ValueError with a Hungarian message otherwise."""
        if not (name or "").strip():
            raise ValueError(_("Adja meg a szervezet nevét."))
        found = self._exact.get(name_key(name)) or self._loose.get(loose_key(name)) or []
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(_("„%(name)s” több szervezetre is illik (%(names)s); írja ki a "
                               "pontos nevét.") % {
                "name": name, "names": ", ".join(o.name for o in found)})
        raise ValueError(_("„%(name)s” nem szerepel a fórum címtárában. Vegye fel előbb a "
                           "címtárba, vagy javítsa a nevet.") % {"name": name})
