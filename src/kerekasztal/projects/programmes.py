"""Funding programmes: the pattern of their project IDs and the publicity scheme they follow.

A project ID is the call code followed by the year of the decision and a serial number:
ÁROP-1.A.3-2014-2014-0019 (call ÁROP-1.A.3-2014), EFOP-1.6.3-17-2017-00009 (call
EFOP-1.6.3-17). The programme decides the pattern and the publicity rules (Új Széchenyi
Terv 2007–2013, Széchenyi 2020 for 2014–2020, Széchenyi Terv Plusz for 2021–2027).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

NEW_SZECHENYI = "uszt"
SZECHENYI_2020 = "sz2020"
SZECHENYI_PLUS = "szplusz"


class Brand:
    NEW_SZECHENYI = NEW_SZECHENYI
    SZECHENYI_2020 = SZECHENYI_2020
    SZECHENYI_PLUS = SZECHENYI_PLUS


BRAND_CHOICES = [
    ("", _("az operatív program szerint")),
    (NEW_SZECHENYI, _("Új Széchenyi Terv")),
    (SZECHENYI_2020, _("Széchenyi 2020")),
    (SZECHENYI_PLUS, _("Széchenyi Terv Plusz")),
]
# Always Hungarian: the names of the brands in press releases.
BRAND_NAMES_HU = {
    NEW_SZECHENYI: "Új Széchenyi Terv",
    SZECHENYI_2020: "Széchenyi 2020",
    SZECHENYI_PLUS: "Széchenyi Terv Plusz",
}


@dataclass(frozen=True)
class Programme:
    code: str
    name: str  # the operational programme, in Hungarian as in press releases
    plan: str  # the development plan it belongs to
    scheme: str  # publicity scheme
    call_pattern: str  # regex of the call code
    serial_digits: int  # digits of the serial number at the end of the project ID
    example: str

    def call_regex(self) -> re.Pattern[str]:
        return re.compile(rf"^{self.call_pattern}$")

    def id_regex(self) -> re.Pattern[str]:
        return re.compile(rf"^(?P<call>{self.call_pattern})-(?P<year>20\d\d)-"
                          rf"(?P<serial>\d{{{self.serial_digits}}})$")


PROGRAMMES = {
    programme.code: programme
    for programme in [
        Programme("AROP", "Államreform Operatív Program", "Új Széchenyi Terv", NEW_SZECHENYI,
                  r"ÁROP-\d\.[A-Z](?:\.\d+)?-20\d\d", 4, "ÁROP-1.A.3-2014-2014-0019"),
        Programme("TAMOP", "Társadalmi Megújulás Operatív Program", "Új Széchenyi Terv",
                  NEW_SZECHENYI, r"TÁMOP-\d\.\d+\.\d+(?:\.[A-Z])?-\d\d(?:/\d)?", 4,
                  "TÁMOP-5.3.6-11/1-2012-0001"),
        Programme("EFOP", "Emberi Erőforrás Fejlesztési Operatív Program", "Széchenyi 2020",
                  SZECHENYI_2020, r"EFOP-\d\.\d+\.\d+(?:\.[A-Z])?-\d\d", 5,
                  "EFOP-1.6.3-17-2017-00009"),
        Programme("TOP", "Terület- és Településfejlesztési Operatív Program",
                  "Széchenyi 2020", SZECHENYI_2020, r"TOP-\d\.\d+\.\d+-\d\d(?:-[A-Z]{2}\d)?",
                  5, "TOP-5.2.1-15-BK1-2016-00001"),
        Programme("EFOP_PLUS", "Emberi Erőforrás Fejlesztési Operatív Program Plusz",
                  "Széchenyi Terv Plusz", SZECHENYI_PLUS, r"EFOP_PLUSZ-\d\.\d+\.\d+-\d\d", 5,
                  "EFOP_PLUSZ-3.1.1-23-2023-00001"),
        Programme("TOP_PLUS", "Terület- és Településfejlesztési Operatív Program Plusz",
                  "Széchenyi Terv Plusz", SZECHENYI_PLUS,
                  r"TOP_PLUSZ-\d\.\d+\.\d+-\d\d(?:-[A-Z]{2}\d)?", 5,
                  "TOP_PLUSZ-3.3.2-21-BK1-2022-00001"),
    ]
}
PROGRAMME_CHOICES = [(p.code, f"{p.name} ({p.plan})") for p in PROGRAMMES.values()]


class Fund:
    ESZA = "ESZA"
    ERFA = "ERFA"
    KA = "KA"
    ESZA_PLUS = "ESZA+"
    NATIONAL = "HU"


FUND_CHOICES = [
    (Fund.ESZA, _("Európai Szociális Alap")),
    (Fund.ERFA, _("Európai Regionális Fejlesztési Alap")),
    (Fund.KA, _("Kohéziós Alap")),
    (Fund.ESZA_PLUS, _("Európai Szociális Alap Plusz")),
    (Fund.NATIONAL, _("Magyarország Kormánya (hazai forrás)")),
]
# Always Hungarian: press releases and publicity blocks are Hungarian documents.
FUND_NAMES_HU = {
    Fund.ESZA: "Európai Szociális Alap",
    Fund.ERFA: "Európai Regionális Fejlesztési Alap",
    Fund.KA: "Kohéziós Alap",
    Fund.ESZA_PLUS: "Európai Szociális Alap Plusz",
    Fund.NATIONAL: "Magyarország Kormánya",
}
FUND_GENITIVE_HU = {
    Fund.ESZA: "az Európai Szociális Alap",
    Fund.ERFA: "az Európai Regionális Fejlesztési Alap",
    Fund.KA: "a Kohéziós Alap",
    Fund.ESZA_PLUS: "az Európai Szociális Alap Plusz",
}
