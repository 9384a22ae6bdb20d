"""The service map (Szolgáltatási Út Térkép, SZÚT): which basic services each settlement of a
forum's territory has locally, receives from another settlement, or misses.

Service types are a platform-wide catalogue with default rules; a forum may override a type's
rule (ServiceRule). Service points record who provides what, where and for which settlements.
Coverage is computed from the service points (coverage.py), never typed. Gaps are recorded
when the forum takes a missing service up as a problem; they are resolved with a date and how.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ServiceCategory(models.TextChoices):
    SOCIAL = "social", _("Szociális szolgáltatások")
    HEALTH = "health", _("Egészségügy")
    EDUCATION = "education", _("Oktatás, gyermekek")
    COMMUNITY = "community", _("Közösség, foglalkoztatás, közlekedés")


class ServiceType(models.Model):
    """A kind of basic service, with the default rule for where it is expected."""

    code = models.SlugField(_("kód"), max_length=60, unique=True)
    name = models.CharField(_("név"), max_length=200, unique=True)
    category = models.CharField(_("kategória"), max_length=20, choices=ServiceCategory.choices)
    description = models.TextField(_("leírás"), blank=True)
    required_from_population = models.PositiveIntegerField(
        _("elérhetőnek kell lennie ettől a lakosságszámtól"), null=True, blank=True,
        help_text=_("0: minden településen elérhetőnek kell lennie (helyben vagy máshonnan); "
                    "üres: nem kötelező."),
    )
    local_from_population = models.PositiveIntegerField(
        _("helyben kell lennie ettől a lakosságszámtól"), null=True, blank=True,
        help_text=_("Ettől a lakosságszámtól a településen belül várjuk; üres: nem kell helyben."),
    )
    max_distance_km = models.PositiveIntegerField(
        _("legnagyobb elfogadható távolság (km)"), null=True, blank=True,
        help_text=_("Ha máshonnan ennél messzebbről érhető el, az is hiány (légvonalban)."),
    )
    rule_note = models.TextField(_("a szabály indoklása"), blank=True)
    order = models.PositiveIntegerField(_("sorrend"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("szolgáltatástípus")
        verbose_name_plural = _("szolgáltatástípusok")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceRule(models.Model):
    """A forum's own rule for a service type, overriding the catalogue's default."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="service_rules", verbose_name=_("fórum"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.CASCADE,
                                     related_name="forum_rules",
                                     verbose_name=_("szolgáltatástípus"))
    required_from_population = models.PositiveIntegerField(
        _("elérhetőnek kell lennie ettől a lakosságszámtól"), null=True, blank=True,
        help_text=ServiceType._meta.get_field("required_from_population").help_text,
    )
    local_from_population = models.PositiveIntegerField(
        _("helyben kell lennie ettől a lakosságszámtól"), null=True, blank=True,
        help_text=ServiceType._meta.get_field("local_from_population").help_text,
    )
    max_distance_km = models.PositiveIntegerField(
        _("legnagyobb elfogadható távolság (km)"), null=True, blank=True,
        help_text=ServiceType._meta.get_field("max_distance_km").help_text,
    )
    note = models.TextField(_("megjegyzés"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fórum szabálya")
        verbose_name_plural = _("fórum szabályai")
        constraints = [
            models.UniqueConstraint(fields=["forum", "service_type"],
                                    name="servicerule_unique_per_forum"),
        ]

    def __str__(self) -> str:
        return f"{self.forum} – {self.service_type}"


MAX_POINT_OFFSET_KM = 20


class ServicePointQuerySet(models.QuerySet):
    def operating_on(self, day: datetime.date) -> "ServicePointQuerySet":
        """Points working on `day`: since empty or not later, until empty or not earlier."""
        return self.filter(
            models.Q(operating_since__isnull=True) | models.Q(operating_since__lte=day),
            models.Q(operating_until__isnull=True) | models.Q(operating_until__gte=day),
        )


class ServicePoint(models.Model):
    """A place where a provider offers one service type to its service area, from the day
    it started operating (which may lie long before it was typed in) until it stopped."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="service_points", verbose_name=_("fórum"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT,
                                     related_name="points", verbose_name=_("szolgáltatástípus"))
    provider_name = models.CharField(_("szolgáltató"), max_length=255)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="service_points", verbose_name=_("szolgáltató a címtárban"),
    )
    settlement = models.ForeignKey(
        "territory.Settlement", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("székhely (település)"),
    )
    address = models.CharField(pgettext_lazy("address", "cím"), max_length=255, blank=True)
    lat = models.FloatField(_("szélesség"), null=True, blank=True)
    lon = models.FloatField(_("hosszúság"), null=True, blank=True)
    served_settlements = models.ManyToManyField(
        "territory.Settlement", related_name="+", blank=True,
        verbose_name=_("ellátott további települések"),
        help_text=_("A székhelyen kívül mely településeket látja el (ellátási terület)."),
    )
    capacity = models.PositiveIntegerField(_("kapacitás"), null=True, blank=True)
    capacity_unit = models.CharField(_("a kapacitás egysége"), max_length=60, blank=True,
                                     help_text=_("pl. férőhely, fő, óra/hét"))
    opening_hours = models.CharField(_("nyitvatartás"), max_length=255, blank=True)
    contact = models.CharField(_("elérhetőség"), max_length=255, blank=True)
    source = models.CharField(_("adatforrás"), max_length=255, blank=True,
                              help_text=_("pl. kérdőív, HEP, ágazati nyilvántartás"))
    verified_on = models.DateField(_("utolsó ellenőrzés"), null=True, blank=True)
    operating_since = models.DateField(
        _("működik ettől"), null=True, blank=True,
        help_text=_("A szolgáltatás indulásának napja, lehet a múltban is. Üresen hagyva "
                    "a nyilvántartásba vétel előtt is működött (minden napon számít)."),
    )
    operating_until = models.DateField(
        _("működött eddig"), null=True, blank=True,
        help_text=_("A szolgáltatás utolsó napja. Üresen hagyva ma is működik."),
    )
    is_active = models.BooleanField(_("működik"), default=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    updated_at = models.DateTimeField(_("módosítva"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[served_settlements])

    objects = ServicePointQuerySet.as_manager()

    class Meta:
        verbose_name = _("szolgáltatási pont")
        verbose_name_plural = _("szolgáltatási pontok")
        ordering = ["service_type__order", "settlement__name", "provider_name"]

    def __str__(self) -> str:
        return f"{self.service_type} – {self.provider_name} ({self.settlement})"

    def clean(self) -> None:
        if (self.operating_since and self.operating_until
                and self.operating_until < self.operating_since):
            raise ValidationError({"operating_until": _(
                "A működés vége nem lehet korábbi a kezdeténél.")})
        if (self.lat is None) != (self.lon is None):
            field = "lon" if self.lon is None else "lat"
            raise ValidationError({field: _("A koordinátát mindkét értékkel adja meg, vagy "
                                            "egyikkel se (akkor a település középpontja "
                                            "számít).")})
        if self.lat is not None and self.settlement_id:
            from .coverage import distance_km

            seat = self.settlement
            if distance_km(self.lat, self.lon, seat.lat, seat.lon) > MAX_POINT_OFFSET_KM:
                raise ValidationError({"lat": _(
                    "A koordináta több mint %(km)s km-re esik a székhely település "
                    "középpontjától; ellenőrizze (szélesség, hosszúság sorrendben).")
                    % {"km": MAX_POINT_OFFSET_KM}})


class Questionnaire(models.Model):
    """A settlement's answer to the service checklist: who answered and when."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="service_questionnaires", verbose_name=_("fórum"))
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("település"))
    submitted_at = models.DateTimeField(_("kitöltve"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+", verbose_name=_("kitöltötte"))
    note = models.TextField(_("megjegyzés"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("szolgáltatási kérdőív")
        verbose_name_plural = _("szolgáltatási kérdőívek")
        constraints = [
            models.UniqueConstraint(fields=["forum", "settlement"],
                                    name="questionnaire_unique_per_settlement"),
        ]

    def __str__(self) -> str:
        return f"{self.settlement} ({self.submitted_at:%Y-%m-%d})"


class GapStatus(models.TextChoices):
    OPEN = "open", _("Nyitott")
    IN_PROGRESS = "in_progress", _("Megoldás folyamatban")
    RESOLVED = "resolved", _("Megoldva")


class Severity(models.IntegerChoices):
    LOW = 1, _("enyhe")
    MEDIUM = 2, _("közepes")
    HIGH = 3, _("súlyos")


class Gap(models.Model):
    """A service missing in a settlement that the forum takes up (szolgáltatáshiány)."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="service_gaps", verbose_name=_("fórum"))
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("település"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="gaps",
                                     verbose_name=_("szolgáltatástípus"))
    description = models.TextField(_("leírás"), blank=True)
    severity = models.PositiveSmallIntegerField(_("súlyosság"), choices=Severity.choices,
                                                default=Severity.MEDIUM)
    found_on = models.DateField(_("feltárva"))
    status = models.CharField(_("állapot"), max_length=20, choices=GapStatus.choices,
                              default=GapStatus.OPEN)
    proposed_solution = models.TextField(_("javasolt megoldás"), blank=True)
    resolved_on = models.DateField(_("megoldva"), null=True, blank=True)
    resolution = models.TextField(_("a megoldás módja"), blank=True)
    is_public = models.BooleanField(_("nyilvános"), default=False,
                                    help_text=_("Megjelenik a fórum nyilvános szolgáltatási "
                                                "térképén."))
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("szolgáltatáshiány")
        verbose_name_plural = _("szolgáltatáshiányok")
        ordering = ["-found_on", "settlement__name"]

    def __str__(self) -> str:
        return f"{self.settlement}: {self.service_type}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == GapStatus.RESOLVED:
            if not self.resolved_on:
                errors["resolved_on"] = _("Adja meg, mikor oldódott meg a hiány.")
            if not self.resolution.strip():
                errors["resolution"] = _("Írja le, hogyan oldódott meg a hiány.")
        elif self.resolved_on:
            errors["resolved_on"] = _("Megoldás dátuma csak megoldott hiánynál adható meg.")
        if self.resolved_on and self.found_on and self.resolved_on < self.found_on:
            errors["resolved_on"] = _("A megoldás nem lehet korábbi a feltárásnál.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status != GapStatus.RESOLVED


class ReportComment(models.Model):
    """A member's comment on the draft SZÚT report."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.CASCADE,
                              related_name="service_report_comments", verbose_name=_("fórum"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("szerző"))
    text = models.TextField(_("észrevétel"))
    created_at = models.DateTimeField(_("időpont"), auto_now_add=True)

    class Meta:
        verbose_name = _("észrevétel a SZÚT-tervezethez")
        verbose_name_plural = _("észrevételek a SZÚT-tervezethez")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]
