from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kerekasztal.core.imports.services import Column, ImportSpec
from kerekasztal.core.models import User
from kerekasztal.forums.models import Forum

from . import services
from .forms import ServicePointImportRow


def _create_points(forum: Forum, rows: list[dict[str, Any]], user: User) -> int:
    for row in rows:
        row = {k: v for k, v in row.items() if v is not None}
        services.service_point_create(forum=forum, user=user, **row)
    return len(rows)


SERVICE_POINTS = ImportSpec(
    kind="servicemap.points",
    label=_("Szolgáltatási pontok"),
    columns=[
        Column("service_type", _("Szolgáltatástípus"), required=True,
               aliases=("típus", "szolgáltatás"), help=_("a típus neve, pl. Védőnői szolgálat")),
        Column("provider_name", _("Szolgáltató"), required=True,
               aliases=("szolgáltató neve", "fenntartó")),
        Column("settlement", _("Székhely"), required=True, aliases=("település",)),
        Column("address", pgettext_lazy("address", "Cím")),
        Column("served_settlements", _("Ellátott települések"),
               aliases=("ellátási terület",), help=_("pontosvesszővel elválasztva")),
        Column("capacity", _("Kapacitás"), aliases=("férőhely",)),
        Column("capacity_unit", _("Kapacitás egysége")),
        Column("opening_hours", _("Nyitvatartás")),
        Column("contact", _("Elérhetőség"), aliases=("kapcsolat",)),
        Column("source", _("Forrás"), aliases=("adatforrás",)),
        Column("verified_on", _("Ellenőrizve"), help=_("ÉÉÉÉ-HH-NN")),
        Column("operating_since", _("Működik ettől"), aliases=("működés kezdete", "mióta"),
               help=_("ÉÉÉÉ-HH-NN; üresen: már működött, amikor felvették")),
        Column("operating_until", _("Működött eddig"), aliases=("működés vége", "meddig"),
               help=_("ÉÉÉÉ-HH-NN; üresen: ma is működik")),
        Column("lat", _("Szélesség"), aliases=("lat",)),
        Column("lon", _("Hosszúság"), aliases=("lon",)),
    ],
    row_form=ServicePointImportRow,
    create=_create_points,
    example=[
        ["Védőnői szolgálat", "Kőszegi Egészségügyi Központ", "Kőszeg", "Rákóczi u. 1.",
         "Bozsok; Velem; Cák", "4", "védőnői körzet", "H–P 8–16", "+36 94 000 000",
         "kérdőív", "2025-03-01", "2012-01-01", "", "", ""],
    ],
)
