"""The agreement templates shipped with the project (one per kind) and the placeholders.

A template's text is rich text with placeholders in double square brackets, e.g.
`[[fórum]]`. They stay in the agreement's text and are filled in whenever the text is shown
or printed, so the list of parties is always the current one.
"""

import datetime
import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from kerekasztal.core import hungarian

PLACEHOLDERS = {
    "fórum": _("a fórum neve"),
    "cím": _("a megállapodás címe"),
    "felek": _("a felek felsorolása székhellyel"),
    "felek száma": _("a felek száma"),
    "hatály kezdete": _("a hatály kezdete ragozva, pl. „2015. június 1-jén” (vagy: „az utolsó "
                        "szükséges aláírás napján”)"),
    "hatály vége": _("a hatály vége ragozva, pl. „2031. december 31-ig” (vagy: „határozatlan "
                     "ideig”)"),
    "hely": _("a kiállítás helye"),
}
_PATTERN = re.compile(r"\[\[\s*([^\[\]]{1,40}?)\s*\]\]")


def fill(body: str, *, forum_name: str, title: str, parties: Iterable[str],
         valid_from: datetime.date | None, valid_until: datetime.date | None,
         place: str = "") -> str:
    """The text with its placeholders filled in (values escaped; unknown ones kept)."""
    parties = list(parties)
    values = {
        "fórum": forum_name,
        "cím": title,
        "felek": "; ".join(parties) if parties else "…",
        "felek száma": str(len(parties)),
        # The text says "[[hatály kezdete]] lép hatályba, és [[hatály vége]] marad
        # hatályban": the days take their suffixes ("2015. június 1-jén", "… 31-ig").
        "hatály kezdete": hungarian.date_long(valid_from, "on") if valid_from else
        "az utolsó szükséges aláírás napján",
        "hatály vége": hungarian.date_long(valid_until, "until") if valid_until else
        "határozatlan ideig",
        "hely": place or "…",
    }

    def replace(match: re.Match) -> str:
        key = match.group(1).strip().lower()
        return escape(values[key]) if key in values else match.group(0)

    return _PATTERN.sub(replace, body or "")


_COMMON_END = """
<h3>Záró rendelkezések</h3>
<p>A megállapodás [[hatály kezdete]] lép hatályba, és [[hatály vége]] marad hatályban.
Bármely fél a megállapodásból a többi félhez intézett írásbeli nyilatkozattal, harminc napos
határidővel kiléphet; kilépése a többi fél együttműködését nem érinti.</p>
<p>A megállapodás módosítása csak írásban, valamennyi fél aláírásával érvényes. A felek
vitás kérdéseiket elsősorban egyeztetéssel, a fórum ülésén rendezik.</p>
<p>A felek a megállapodást elolvasták, és mint akaratukkal mindenben megegyezőt, jóváhagyólag
aláírták.</p>
"""

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "founding": ("Alapító megállapodás (beépített)", """
<h2>Alapító megállapodás</h2>
<p>amely létrejött a [[fórum]] megalakítására az alábbi felek között: [[felek]].</p>
<h3>1. A fórum célja</h3>
<p>A felek a területükön élő hátrányos helyzetű csoportok – különösen a mélyszegénységben
élők és a romák, a gyermekek, a nők, az idősek és a fogyatékkal élők – esélyegyenlőségének
előmozdítására, a helyi esélyegyenlőségi programok összehangolására és a felzárkózási
intézkedések közös megtervezésére létrehozzák a [[fórum]] nevű együttműködést.</p>
<h3>2. A fórum működése</h3>
<p>A fórum évente legalább négy ülést tart. Az ülést a koordinátor hívja össze, a meghívót
és az előterjesztéseket legalább öt nappal korábban megküldi. A fórum döntéseit a jelen lévő
tagok egyszerű többségével hozza; az ülésről emlékeztető készül.</p>
<h3>3. Tagság</h3>
<p>A fórumhoz bármely, a terület esélyegyenlőségéért tevékenykedő szervezet csatlakozhat
csatlakozási nyilatkozattal, amelyet a fórum ülése hagy jóvá.</p>
<h3>4. A felek vállalásai</h3>
<p>A felek vállalják, hogy képviselőjük útján részt vesznek a fórum munkájában, megosztják
egymással a feladataik ellátásához szükséges, személyes adatot nem tartalmazó információkat,
és esélyegyenlőségi intézkedéseiket a fórumon egyeztetik.</p>
""" + _COMMON_END),
    "multilateral": ("Többoldalú együttműködési megállapodás (beépített)", """
<h2>Együttműködési megállapodás</h2>
<p>amely létrejött a [[fórum]] keretében a következő [[felek száma]] fél között: [[felek]].</p>
<h3>1. A megállapodás tárgya</h3>
<p>A felek az esélyegyenlőségi és felzárkózási feladataik összehangolására, a helyi
esélyegyenlőségi programokban vállalt intézkedéseik közös megvalósítására és a
szolgáltatáshiányok csökkentésére működnek együtt.</p>
<h3>2. Az együttműködés formái</h3>
<ul>
<li>rendszeres egyeztetés a fórum ülésein, szükség szerint munkacsoportban;</li>
<li>az intézkedések és a szolgáltatások összehangolása, közös döntés az érintett
intézkedésekről;</li>
<li>egymás tájékoztatása a célcsoportokat érintő programokról és pályázatokról.</li>
</ul>
<h3>3. A felek vállalásai</h3>
<p>Az egyes felek vállalásait, azok határidejét a megállapodás melléklete tartalmazza.</p>
""" + _COMMON_END),
    "bilateral": ("Kétoldalú együttműködési megállapodás (beépített)", """
<h2>Együttműködési megállapodás</h2>
<p>amely létrejött [[felek]] (a továbbiakban együtt: Felek) között a [[fórum]]
munkájához kapcsolódóan.</p>
<h3>1. A megállapodás tárgya</h3>
<p>A Felek a [[cím]] tárgyában működnek együtt, az esélyegyenlőségi intézkedések közös
megvalósítása érdekében.</p>
<h3>2. A Felek feladatai</h3>
<p>A Felek feladatait és azok határidejét a megállapodás melléklete tartalmazza. A Felek
kapcsolattartóik útján rendszeresen tájékoztatják egymást a feladatok teljesítéséről.</p>
""" + _COMMON_END),
    "thematic": ("Tematikus együttműködési megállapodás (beépített)", """
<h2>Tematikus együttműködési megállapodás</h2>
<p>amely létrejött a [[fórum]] keretében a következő felek között: [[felek]].</p>
<h3>1. A megállapodás tárgya</h3>
<p>A felek a megállapodás címében megjelölt téma ([[cím]]) esélyegyenlőségi kérdéseiben
összehangolják intézkedéseiket.</p>
<h3>2. A felek kötelezettségei</h3>
<ul>
<li>a témát érintő esélyegyenlőségi intézkedéseiket egymással összehangolják;</li>
<li>legalább félévente egyeztetnek, és az intézkedésekről közösen döntenek;</li>
<li>a célcsoport tagjait és képviselőit bevonják az intézkedések tervezésébe.</li>
</ul>
<h3>3. Vállalások</h3>
<p>Az egyes felek vállalásait a megállapodás melléklete tartalmazza.</p>
""" + _COMMON_END),
}
