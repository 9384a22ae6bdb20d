"""Defaults of the static sections of a forum's site: the accessibility statement that
30/2019. (IX. 4.) ITM rendelet (with 2018. évi LXXV. törvény) requires, and the privacy
notice. A forum edits them in its workspace; empty fields fall back to these texts."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Compliance, SiteSettings

DEFAULT_NON_ACCESSIBLE = _(
    "A fórum által feltöltött régebbi, szkennelt PDF-dokumentumok (például aláírt "
    "jelenléti ívek) nem érhetők el szövegként. Ezek a nyilvános jegyzőkönyvek szöveges "
    "változatával együtt kerülnek közzétételre; kérésre akadálymentes formában is "
    "megküldjük őket.")
DEFAULT_ALTERNATIVES = _(
    "Ha egy tartalmat nem tud használni, írjon a kapcsolattartónak: a dokumentumot "
    "szerkeszthető vagy felolvasható formában, legfeljebb 15 napon belül elküldjük.")
DEFAULT_METHOD = _(
    "Önértékelés a WCAG 2.1 AA szintű követelményei szerint, automatikus (axe-core) és "
    "billentyűzetes vizsgálattal.")
DEFAULT_ENFORCEMENT = _(
    "Ha a visszajelzésére 15 napon belül nem kap kielégítő választ, panaszával az "
    "alapvető jogok biztosához fordulhat (Alapvető Jogok Biztosának Hivatala, 1055 Budapest, "
    "Falk Miksa utca 9–11., ajbh.hu). A honlapok akadálymentességének monitoringját a "
    "Digitális Kormányzati Ügynökség végzi.")
DEFAULT_PRIVACY = _(
    "A nyilvános oldal megtekintéséhez nem kell regisztrálni, és nem használunk követő "
    "sütiket. A szerver a biztonságos működéshez naplózza a kérések idejét és IP-címét, "
    "ezeket legfeljebb 30 napig őrizzük. A fórum munkájában részt vevők nevét és "
    "elérhetőségét a fórum működtetéséhez (közfeladat ellátása) kezeljük, a tagság "
    "megszűnése után a jogszabályban előírt ideig. Senkinek a származását, egészségi "
    "állapotát vagy fogyatékosságát nem rögzítjük. Önnek joga van tájékoztatást kérni az "
    "adatairól, kérheti azok helyesbítését, törlését vagy kezelésük korlátozását, és "
    "tiltakozhat a kezelésük ellen. Panaszával a Nemzeti Adatvédelmi és "
    "Információszabadság Hatósághoz fordulhat (1055 Budapest, Falk Miksa utca 9–11., "
    "naih.hu) vagy bírósághoz.")


@dataclass(frozen=True)
class Sections:
    settings: SiteSettings
    non_accessible: str
    alternatives: str
    method: str
    enforcement: str
    privacy: str
    is_default: bool

    @property
    def compliance_label(self) -> str:
        return Compliance(self.settings.compliance).label


def sections_for(forum) -> Sections:
    settings = SiteSettings.objects.filter(forum=forum).first()
    is_default = settings is None
    if settings is None:
        settings = SiteSettings(forum=forum)
    return Sections(
        settings=settings,
        non_accessible=settings.non_accessible or str(DEFAULT_NON_ACCESSIBLE),
        alternatives=settings.alternatives or str(DEFAULT_ALTERNATIVES),
        method=settings.assessment_method or str(DEFAULT_METHOD),
        enforcement=settings.enforcement or str(DEFAULT_ENFORCEMENT),
        privacy=settings.privacy_extra or str(DEFAULT_PRIVACY),
        is_default=is_default,
    )
