"""The forum's public website: news and press releases, the document library, the gallery,
the static sections (contact, accessibility statement, privacy notice) and the search index.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kerekasztal.core.records.uploads import DOCUMENTS, IMAGES, RandomName, policy_validator


class PostKind(models.TextChoices):
    NEWS = "news", _("Hír")
    PRESS_RELEASE = "press_release", _("Sajtóközlemény")


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Piszkozat")
    PUBLISHED = "published", _("Közzétéve")


class PostQuerySet(models.QuerySet["Post"]):
    def public(self, now=None) -> "PostQuerySet":
        """Published posts whose publication time has come."""
        return self.filter(status=PostStatus.PUBLISHED,
                           publish_at__lte=now or timezone.now())


class Post(models.Model):
    """A news item or a press release of a forum."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE, related_name="posts",
                              verbose_name=_("fórum"))
    kind = models.CharField(_("fajta"), max_length=20, choices=PostKind.choices,
                            default=PostKind.NEWS)
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    lead = models.TextField(_("bevezető"), blank=True,
                            help_text=_("Egy-két mondat, ez jelenik meg a listákban és a "
                                        "hírcsatornában."))
    body = models.TextField(_("szöveg"), blank=True)
    status = models.CharField(_("állapot"), max_length=20, choices=PostStatus.choices,
                              default=PostStatus.DRAFT)
    publish_at = models.DateTimeField(
        _("megjelenés időpontja"), default=timezone.now,
        help_text=_("Jövőbeli időpontnál a közzétett írás csak ekkor jelenik meg."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("szerző"))
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("hír")
        verbose_name_plural = _("hírek")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["forum", "status", "publish_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == PostStatus.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == PostStatus.PUBLISHED and self.publish_at > timezone.now()


class DescribedImage(models.Model):
    """An image with the text a screen reader reads out, a caption and a position (news
    images and gallery photos)."""

    alt_text = models.CharField(
        _("helyettesítő szöveg"), max_length=255,
        help_text=_("Mit ábrázol a kép? Ezt olvassa fel a képernyőolvasó."))
    caption = models.CharField(_("képaláírás"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("sorrend"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def clean(self) -> None:
        if not self.alt_text.strip():
            raise ValidationError({"alt_text": _("Adja meg, mit ábrázol a kép.")})


class PostImage(DescribedImage):
    forum_path = "post__forum"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images",
                             verbose_name=_("hír"))
    image = models.FileField(_("kép"), upload_to=RandomName("news"),
                              validators=[policy_validator(IMAGES)])
    history = HistoricalRecords()

    class Meta(DescribedImage.Meta):
        verbose_name = _("kép")
        verbose_name_plural = _("képek")


class PostAttachment(models.Model):
    forum_path = "post__forum"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("hír"))
    title = models.CharField(_("megnevezés"), max_length=255)
    file = models.FileField(_("fájl"), upload_to=RandomName("news"),
                            validators=[policy_validator(DOCUMENTS)])

    history = HistoricalRecords()
    class Meta:
        verbose_name = _("melléklet")
        verbose_name_plural = _("mellékletek")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class DocumentKind(models.TextChoices):
    PROCEDURE = "procedure", _("Ügyrend, szabályzat")
    PLAN = "plan", _("Terv, program")
    REPORT = "report", _("Beszámoló, jelentés")
    ANALYSIS = "analysis", _("Helyzetelemzés, tanulmány")
    INFORMATION = "information", _("Tájékoztató")
    OTHER = "other", _("Egyéb")


class Language(models.TextChoices):
    HU = "hu", _("magyar")
    EN = "en", _("angol")
    DE = "de", _("német")
    HR = "hr", _("horvát")
    RO = "ro", _("román")
    SK = "sk", _("szlovák")
    SR = "sr", _("szerb")
    SL = "sl", _("szlovén")
    ROM = "rom", _("romani (cigány)")
    BEA = "bea", _("beás")


class DocumentQuerySet(models.QuerySet["Document"]):
    def public(self) -> "DocumentQuerySet":
        return self.filter(published=True)


class Document(models.Model):
    """A document of the forum's public library; translations point at their original."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="library_documents", verbose_name=_("fórum"))
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    kind = models.CharField(_("fajta"), max_length=20, choices=DocumentKind.choices,
                            default=DocumentKind.OTHER)
    language = models.CharField(_("nyelv"), max_length=5, choices=Language.choices,
                                default=Language.HU)
    description = models.TextField(_("leírás"), blank=True)
    file = models.FileField(_("fájl"), upload_to=RandomName("documents"),
                            validators=[policy_validator(DOCUMENTS)])
    translation_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="translations",
        verbose_name=_("eredeti dokumentum"),
        help_text=_("Fordításnál: melyik dokumentum fordítása."))
    issued_on = models.DateField(_("kelte"), null=True, blank=True)
    published = models.BooleanField(_("nyilvános"), default=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumentum")
        verbose_name_plural = _("dokumentumok")
        ordering = ["-issued_on", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        original = self.translation_of
        if original is None:
            return
        if original.forum_id != self.forum_id:
            raise ValidationError({"translation_of": _("Az eredeti dokumentum másik fórumé.")})
        if original.pk == self.pk:
            raise ValidationError({"translation_of": _("Egy dokumentum nem lehet a saját "
                                                       "fordítása.")})
        if original.translation_of_id:
            raise ValidationError({"translation_of": _("Fordításnak az eredeti dokumentumot "
                                                       "adja meg, ne egy másik fordítást.")})
        if original.language == self.language:
            raise ValidationError({"language": _("A fordítás nyelve nem lehet azonos az "
                                                 "eredetiével.")})


class Album(models.Model):
    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE, related_name="albums",
                              verbose_name=_("fórum"))
    title = models.CharField(pgettext_lazy("title", "cím"), max_length=255)
    description = models.TextField(_("leírás"), blank=True)
    taken_on = models.DateField(_("dátum"), null=True, blank=True)
    published = models.BooleanField(_("nyilvános"), default=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("album")
        verbose_name_plural = _("albumok")
        ordering = ["-taken_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Photo(DescribedImage):
    forum_path = "album__forum"

    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="photos",
                              verbose_name=_("album"))
    image = models.FileField(_("kép"), upload_to=RandomName("gallery"),
                              validators=[policy_validator(IMAGES)])
    history = HistoricalRecords()

    class Meta(DescribedImage.Meta):
        verbose_name = _("fénykép")
        verbose_name_plural = _("fényképek")


class Compliance(models.TextChoices):
    FULL = "full", _("teljes mértékben megfelel")
    PARTIAL = "partial", _("részben megfelel")
    NONE = "none", _("nem felel meg")


class SiteSettings(models.Model):
    """The editable static sections of a forum's site. Missing fields fall back to the
    defaults in `publishing/sections.py`."""

    forum = models.OneToOneField("forums.Forum", on_delete=models.CASCADE,
                                 related_name="site_settings", verbose_name=_("fórum"))
    contact_hours = models.CharField(_("ügyfélfogadás"), max_length=255, blank=True)
    contact_note = models.TextField(_("további elérhetőségek"), blank=True)
    compliance = models.CharField(_("megfelelőség"), max_length=10,
                                  choices=Compliance.choices, default=Compliance.PARTIAL)
    non_accessible = models.TextField(
        _("nem akadálymentes tartalmak"), blank=True,
        help_text=_("Mely tartalmak nem akadálymentesek, és miért (a jogszabály szerinti "
                    "meg nem felelés, aránytalan teher, vagy a jogszabály hatályán kívül esik)."))
    alternatives = models.TextField(_("akadálymentes alternatívák"), blank=True)
    statement_prepared_on = models.DateField(_("a nyilatkozat elkészítésének napja"),
                                             null=True, blank=True)
    statement_reviewed_on = models.DateField(_("utolsó felülvizsgálat napja"), null=True,
                                             blank=True)
    assessment_method = models.CharField(_("az értékelés módja"), max_length=255, blank=True)
    accessibility_contact = models.CharField(
        _("visszajelzés akadálymentességi hibáról (e-mail vagy telefon)"), max_length=255,
        blank=True)
    enforcement = models.TextField(_("jogérvényesítési eljárás"), blank=True)
    controller = models.TextField(_("adatkezelő (név, cím, elérhetőség)"), blank=True)
    dpo_contact = models.CharField(_("adatvédelmi tisztviselő elérhetősége"), max_length=255,
                                   blank=True)
    privacy_extra = models.TextField(_("további adatkezelési tudnivalók"), blank=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("honlap beállításai")
        verbose_name_plural = _("honlapok beállításai")

    def __str__(self) -> str:
        return str(self.forum)


class SearchEntry(models.Model):
    """One public record in the search index (rebuilt from core.contracts.public_sources())."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE, null=True,
                              related_name="+")
    kind = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    folded = models.TextField(blank=True, help_text="title and text folded for the fallback")
    # PostgreSQL only: the 'hungarian' tsvector of title (A) and text (B), GIN-indexed by
    # migration 0002; empty elsewhere.
    vector = SearchVectorField(null=True, editable=False)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"],
                                               name="search_entry_unique_record")]
        indexes = [models.Index(fields=["forum", "kind"])]

    def __str__(self) -> str:
        return self.title


class SearchState(models.Model):
    """Whether a forum's part of the search index is behind its content."""

    forum = models.OneToOneField("forums.Forum", on_delete=models.CASCADE, related_name="+")
    dirty = models.BooleanField(default=True)
    indexed_at = models.DateTimeField(null=True, blank=True)
    # A rebuild task is queued (core/tasks.py) and has not started: no second one is queued.
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "search state"

    def __str__(self) -> str:
        return f"{self.forum_id}: {'dirty' if self.dirty else 'clean'}"
