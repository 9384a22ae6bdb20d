"""Hungary's counties, districts and settlements (KSH reference data, shipped in data/)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.collation import HU


class County(models.Model):
    code = models.CharField(_("KSH-kód"), max_length=2, unique=True)
    name = models.CharField(_("név"), max_length=100, db_collation=HU)
    nuts3 = models.CharField(_("NUTS3-kód"), max_length=5)
    seat = models.CharField(_("székhely"), max_length=100)
    population = models.PositiveIntegerField(_("lakónépesség"))
    area_ha = models.PositiveIntegerField(_("terület (ha)"))

    class Meta:
        verbose_name = _("vármegye")
        verbose_name_plural = _("vármegyék")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_capital(self) -> bool:
        return self.code == "01"


class District(models.Model):
    """A járás, or one of Budapest's 23 kerületek, which stand at district level."""

    code = models.CharField(_("KSH-kód"), max_length=3, unique=True)
    name = models.CharField(_("név"), max_length=100, db_collation=HU)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="districts", verbose_name=_("vármegye")
    )
    seat = models.CharField(_("székhely"), max_length=100)
    is_budapest_district = models.BooleanField(_("budapesti kerület"), default=False)
    population = models.PositiveIntegerField(_("lakónépesség"))
    area_ha = models.PositiveIntegerField(_("terület (ha)"))

    class Meta:
        verbose_name = _("járás")
        verbose_name_plural = _("járások")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SettlementStatus(models.TextChoices):
    VILLAGE = "község", _("község")
    LARGE_VILLAGE = "nagyközség", _("nagyközség")
    TOWN = "város", _("város")
    COUNTY_TOWN = "megyei jogú város", _("megyei jogú város")
    CAPITAL = "főváros", _("főváros")


class Settlement(models.Model):
    ksh_code = models.CharField(_("KSH-kód"), max_length=5, unique=True)
    name = models.CharField(_("név"), max_length=100, db_index=True, db_collation=HU)
    status = models.CharField(_("jogállás"), max_length=20, choices=SettlementStatus.choices)
    is_county_seat = models.BooleanField(_("megyeszékhely"), default=False)
    is_district_seat = models.BooleanField(_("járásszékhely"), default=False)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="settlements", verbose_name=_("vármegye")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="settlements",
        null=True,
        blank=True,
        verbose_name=_("járás"),
    )
    population = models.PositiveIntegerField(_("lakónépesség"))
    area_ha = models.PositiveIntegerField(_("terület (ha)"))
    dwellings = models.PositiveIntegerField(_("lakásállomány"))
    postal_code_main = models.CharField(_("irányítószám"), max_length=4, blank=True)
    postal_codes = models.CharField(_("irányítószámok"), max_length=300, blank=True)
    lat = models.FloatField(_("szélesség"))
    lon = models.FloatField(_("hosszúság"))
    geonames_id = models.PositiveIntegerField(_("GeoNames-azonosító"), null=True, blank=True)

    class Meta:
        verbose_name = _("település")
        verbose_name_plural = _("települések")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def postal_code_list(self) -> list[str]:
        return [code for code in self.postal_codes.split(";") if code]


class ReferenceDataVersion(models.Model):
    """Checksum of the reference files last loaded, so a second load is a no-op."""

    name = models.CharField(max_length=50, unique=True)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} {self.checksum[:8]}"
