from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kerekasztal.core.imports.services import Column, ImportSpec
from kerekasztal.core.models import User
from kerekasztal.forums.models import Forum

from . import services
from .forms import OrganisationImportRow, PersonImportRow


def _create_organisations(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    for row in rows:
        services.organisation_create(forum=forum, user=user, **row)
    return len(rows)


def _create_people(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    for row in rows:
        row = dict(row)
        organisation = row.pop("organisation")
        services.person_create(
            forum=forum, user=user, organisations=[organisation] if organisation else [], **row
        )
    return len(rows)


ORGANISATIONS = ImportSpec(
    kind="directory.organisations",
    label=_("Szervezetek"),
    columns=[
        Column("name", _("Név"), required=True, aliases=("szervezet neve", "szervezet")),
        Column("kind", _("Típus"), required=True, help=_("pl. Települési önkormányzat")),
        Column("seat", _("Székhely"), aliases=("település",)),
        Column("postal_code", _("Irányítószám")),
        Column("address", pgettext_lazy("address", "Cím")),
        Column("email", _("E-mail"), aliases=("e-mail-cím", "email cím")),
        Column("phone", _("Telefon"), aliases=("telefonszám",)),
        Column("website", _("Honlap"), aliases=("weboldal",)),
        Column("tax_number", _("Adószám")),
    ],
    row_form=OrganisationImportRow,
    create=_create_organisations,
    example=[
        ["Bozsok Község Önkormányzata", "Települési önkormányzat", "Bozsok", "9727",
         "Rákóczi utca 9.", "hivatal@bozsok.example.org", "+36 94 000 000", "", ""],
    ],
)

PEOPLE = ImportSpec(
    kind="directory.people",
    label=_("Kapcsolattartók"),
    columns=[
        Column("name", _("Név"), required=True),
        Column("email", _("E-mail"), aliases=("e-mail-cím", "email cím")),
        Column("phone", _("Telefon"), aliases=("telefonszám",)),
        Column("position", _("Beosztás")),
        Column("organisation", _("Szervezet"), help=_("a címtárban szereplő név")),
        Column("legal_basis", _("Jogalap"), required=True,
               help=_("hozzájárulás, szerződés, közfeladat vagy jogos érdek")),
        Column("consent_given_on", _("Hozzájárulás dátuma")),
        Column("retention_until", _("Megőrzés vége"), required=True,
               aliases=("adatmegőrzés vége",)),
    ],
    row_form=PersonImportRow,
    create=_create_people,
    example=[
        ["Minta Mária", "maria.minta@example.org", "", "polgármester",
         "Bozsok Község Önkormányzata", "közfeladat", "", "2030-12-31"],
    ],
)

SPECS = {"organisations": ORGANISATIONS, "people": PEOPLE}
