"""Demo content of the Kőszeg roundtable's site, from the seed koszeg-arop-0019.txt: the
project's press releases, news of the founding session, the rules of procedure with the
Croatian translation of procedure documents, a photo album and the site's sections."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from kerekasztal.core.datasets.demo import DemoContext

from . import services
from .models import Album, Document, DocumentKind, Post, PostKind, PostStatus, SiteSettings

TZ_NOON = datetime.time(10, 0)

POSTS = [
    (PostKind.PRESS_RELEASE, datetime.date(2015, 4, 15),
     "Elindult az „Esélyteremtési Akcióprogram a Kőszegi Járásban” projekt",
     "Kőszeg Város Önkormányzata 22,0 millió forint vissza nem térítendő uniós támogatást "
     "nyert az ÁROP-1.A.3-2014 konstrukcióban.",
     "<p>A projekt célja a Kőszegi Járás települései, helyi szereplői közötti területi "
     "együttműködés kialakítása és megerősítése a társadalmi felzárkózást elősegítő és a "
     "helyi esélyegyenlőségi programok végrehajtásához kapcsolódó koordináció "
     "megvalósításával.</p><p>A projekt az Európai Unió támogatásával, az Európai Szociális "
     "Alap társfinanszírozásával valósul meg 2015. április 1. és 2015. november 30. között.</p>"),
    (PostKind.NEWS, datetime.date(2015, 6, 17),
     "Megalakult a Járási Felzárkózási Kerekasztal",
     "A 2015. június 16-i alakuló ülésen a járás önkormányzatai, intézményei és civil "
     "szervezetei aláírták az együttműködési megállapodást.",
     "<p>A kerekasztal a járás esélyegyenlőségi és felzárkózási céljainak összehangolt "
     "megvalósítását segíti. A tagok a fogyatékkal élőket, az időseket, a gyermekes "
     "családokat és a mélyszegénységben élőket segítő szolgáltatások fejlesztéséről "
     "tárgyaltak.</p>"),
    (PostKind.NEWS, datetime.date(2015, 9, 10),
     "Horvát nyelven is elérhetők a szociális és egészségügyi eljárások dokumentumai",
     "A közigazgatási rendszer fejlesztése keretében elkészült a dokumentáció horvát "
     "fordítása.",
     "<p>A fordítások a Dokumentumok oldalon, az eredeti dokumentumok mellett érhetők el.</p>"),
    (PostKind.PRESS_RELEASE, datetime.date(2015, 11, 30),
     "Lezárult az „Esélyteremtési Akcióprogram a Kőszegi Járásban” projekt",
     "Elkészült a Járási Esélyteremtő Programterv, amelyet a 2015. november 25-i záró "
     "konferencián mutattak be.",
     "<p>A projekt keretében szülői klubok, generációk együttműködését és az "
     "egészségműveltség fejlesztését célzó programok, szociális gazdaságfejlesztő fórumok, "
     "valamint „Esélyteremtő attitűd formálása” címmel képzés valósult meg.</p>"
     "<p>A projektről bővebb információt a www.koszeg.hu weboldalon olvashatnak.</p>"),
]

DOCUMENTS = [
    ("A Járási Felzárkózási Kerekasztal ügyrendje", DocumentKind.PROCEDURE,
     datetime.date(2015, 6, 16),
     [("hr", "Poslovnik Kotarskog okruglog stola za uključivanje")]),
    ("Szociális ellátások igénylésének eljárásrendje", DocumentKind.PROCEDURE,
     datetime.date(2015, 9, 1),
     [("hr", "Postupak podnošenja zahtjeva za socijalne usluge")]),
    ("Járási Esélyteremtő Programterv", DocumentKind.PLAN, datetime.date(2015, 11, 25), []),
]


def _pdf(title: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _when(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, TZ_NOON))


def build(ctx: DemoContext) -> None:
    forum = ctx.forum
    if forum is None:
        return
    user = ctx.users.get("coordinator")
    for kind, day, title, lead, body in POSTS:
        if not Post.objects.filter(forum=forum, title=title).exists():
            services.post_create(forum=forum, user=user, kind=kind, title=title, lead=lead,
                                 body=body, status=PostStatus.PUBLISHED,
                                 publish_at=_when(day))
    for title, kind, day, translations in DOCUMENTS:
        original = Document.objects.filter(forum=forum, title=title).first()
        if original is None:
            original = services.document_save(
                forum=forum, user=user, title=title, kind=kind, language="hu",
                issued_on=day, published=True, file=ContentFile(_pdf(title), "dok.pdf"))
        for language, translated in translations:
            if not Document.objects.filter(forum=forum, title=translated).exists():
                services.document_save(
                    forum=forum, user=user, title=translated, kind=kind, language=language,
                    issued_on=day, published=True, translation_of=original,
                    file=ContentFile(_pdf(translated), "dok.pdf"))
    album = Album.objects.filter(forum=forum, title="Záró konferencia").first()
    if album is None:
        album = services.album_save(forum=forum, user=user, title="Záró konferencia",
                                    taken_on=datetime.date(2015, 11, 25), published=True,
                                    description="A Járási Esélyteremtő Programterv "
                                                "bemutatása Kőszegen.")
        for colour, alt in (((29, 78, 137), "A résztvevők a konferenciateremben"),
                            ((179, 84, 30), "Az előadó a programtervet mutatja be")):
            services.photo_add(album=album, image=ContentFile(_png(colour), "kep.png"),
                               alt_text=alt)
    if not SiteSettings.objects.filter(forum=forum).exists():
        services.site_settings_update(
            forum=forum, user=user, contact_hours="Hétfőtől csütörtökig 8–16 óra, "
                                                  "pénteken 8–12 óra",
            statement_prepared_on=datetime.date(2025, 9, 1))
    from .search import reindex_forum

    reindex_forum(forum)
