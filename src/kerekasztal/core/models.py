from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .collation import HU


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("E-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Who may do what in a forum is decided in core/access/."""

    email = models.EmailField(_("e-mail-cím"), unique=True)
    full_name = models.CharField(_("név"), max_length=200, db_collation=HU)
    is_active = models.BooleanField(_("aktív"), default=True)
    is_staff = models.BooleanField(
        _("üzemeltető"),
        default=False,
        help_text=_("Az adminisztrációs felületet csak az üzemeltető használhatja."),
    )
    date_joined = models.DateTimeField(_("létrehozva"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("felhasználó")
        verbose_name_plural = _("felhasználók")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[-1] if self.full_name else self.email


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Előnézet")
    QUEUED = "queued", _("Sorban áll")
    APPLIED = "applied", _("Végrehajtva")
    FAILED = "failed", _("Sikertelen")
    DISCARDED = "discarded", _("Elvetve")


class ImportBatch(models.Model):
    """An uploaded table waiting in preview. Applied all at once, or not at all."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="import_batches",
        verbose_name=_("fórum"),
    )
    kind = models.CharField(_("adattípus"), max_length=60)
    filename = models.CharField(_("fájlnév"), max_length=255)
    rows = models.JSONField(_("sorok"), default=list)
    errors = models.JSONField(_("hibák"), default=list)
    status = models.CharField(
        _("állapot"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("feltöltötte"),
    )
    created_at = models.DateTimeField(_("feltöltve"), auto_now_add=True)
    applied_at = models.DateTimeField(_("végrehajtva"), null=True, blank=True)
    applied_count = models.PositiveIntegerField(_("létrehozott rekordok"), default=0)
    applied_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("végrehajtotta"),
    )
    queued_at = models.DateTimeField(_("elindítva"), null=True, blank=True)
    failure = models.TextField(_("a sikertelenség oka"), blank=True)

    class Meta:
        verbose_name = _("importálás")
        verbose_name_plural = _("importálások")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Készül")
    DONE = "done", _("Elkészült")
    FAILED = "failed", _("Sikertelen")


class ExportJob(models.Model):
    """A large export written by a task to a stored file (core/exports/), downloaded by the
    user who asked for it until it expires."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="export_jobs",
        verbose_name=_("fórum"),
    )
    kind = models.CharField(_("export"), max_length=60)
    fmt = models.CharField(_("formátum"), max_length=10)
    # the list's filters (a query string) and the export URL's other arguments (a plan's key)
    query = models.TextField(_("szűrők"), blank=True)
    arguments = models.JSONField(_("paraméterek"), default=dict, blank=True)
    status = models.CharField(
        _("állapot"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    filename = models.CharField(_("fájlnév"), max_length=255, blank=True)
    file = models.FileField(_("fájl"), upload_to="exports/%Y/%m/", blank=True)
    row_count = models.PositiveIntegerField(_("sorok száma"), default=0)
    failure = models.TextField(_("a sikertelenség oka"), blank=True)
    back_url = models.CharField(_("vissza"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        "core.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("kérte"),
    )
    created_at = models.DateTimeField(_("kérve"), auto_now_add=True)
    finished_at = models.DateTimeField(_("elkészült"), null=True, blank=True)
    expires_at = models.DateTimeField(_("lejár"))

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exportok")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="core_export_expires_idx")]

    def __str__(self) -> str:
        return f"{self.kind}.{self.fmt}"


TARGET_GROUP_LABELS = {
    "poverty_roma": _("Mélyszegénységben élők és romák"),
    "children": _("Gyermekek"),
    "women": _("Nők"),
    "elderly": _("Idősek"),
    "disability": _("Fogyatékkal élők"),
}


class TargetGroup(models.Model):
    """The five target groups of the Hungarian HEP (321/2011. Korm. rendelet).

    They describe problems, measures, events and aggregate counts, never a person.
    """

    code = models.SlugField(_("kód"), max_length=40, unique=True)
    name = models.CharField(_("név"), max_length=100, db_collation=HU)
    order = models.PositiveSmallIntegerField(_("sorrend"), default=0)

    class Meta:
        verbose_name = _("célcsoport")
        verbose_name_plural = _("célcsoportok")
        ordering = ["order"]

    def __str__(self) -> str:
        return str(TARGET_GROUP_LABELS.get(self.code, self.name))


class Topic(models.Model):
    """A theme of events, agreements and news (e.g. 'szociális gazdaság'). A managed list."""

    name = models.CharField(_("név"), max_length=100, unique=True, db_collation=HU)
    slug = models.SlugField(_("azonosító"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("téma")
        verbose_name_plural = _("témák")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Link(models.Model):
    """A typed link between two records of one forum, for evidence and follow-up:
    a problem's evidence (a statistic, a session, an event report, a service gap), a
    commitment's plan measure, a service gap's agreement. See core/records/links.py."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="+", verbose_name=_("fórum")
    )
    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    source_id = models.PositiveBigIntegerField()
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kapcsolat"), max_length=40)
    note = models.CharField(_("megjegyzés"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kapcsolódás")
        verbose_name_plural = _("kapcsolódások")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "target_type", "target_id", "kind"],
                name="link_unique",
                violation_error_message=_("Ez a kapcsolódás már létezik."),
            )
        ]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.source_type_id}/{self.source_id} → " \
               f"{self.target_type_id}/{self.target_id}"


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("az érintett kérésére")
    RETENTION = "retention", _("a megőrzési idő lejárt")


class Erasure(models.Model):
    """That a person's data was erased (anonymised), when and why: the accountability record
    of the erasure, itself without personal data."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="+", verbose_name=_("fórum")
    )
    model = models.CharField(_("adatfajta"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("azonosító"))
    reason = models.CharField(_("ok"), max_length=20, choices=ErasureReason.choices)
    erased_at = models.DateTimeField(_("törölve"), auto_now_add=True)
    erased_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("törölte"),
    )

    class Meta:
        verbose_name = _("adattörlés")
        verbose_name_plural = _("adattörlések")
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="erasure_once")
        ]

    def __str__(self) -> str:
        return f"{self.model} #{self.object_id} ({self.erased_at:%Y-%m-%d})"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("sorban áll")
    SENT = "sent", _("elküldve")
    FAILED = "failed", _("sikertelen")


class MailDelivery(models.Model):
    """One e-mail to one recipient, kept until it is sent or has failed after every retry
    (core/mail/services.py): the queue's record of what was promised, and what the sender sees."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("fórum"),
    )
    # The record the e-mail is about (an invitation, a registration), for its status.
    about_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    to = models.EmailField(_("címzett"), max_length=254)
    subject = models.CharField(_("tárgy"), max_length=998)
    body = models.TextField(_("szöveg"))
    reply_to = models.CharField(max_length=254, blank=True)
    # [{"name": ..., "mimetype": ..., "content": base64}]
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(_("állapot"), max_length=10, choices=MailStatus.choices,
                              default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("próbálkozások"), default=0)
    last_error = models.TextField(_("utolsó hiba"), blank=True)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("következő próbálkozás"), null=True, blank=True)
    # A worker sending it holds it until then (another worker skips it meanwhile).
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("elküldve"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail kézbesítés")
        verbose_name_plural = _("e-mail kézbesítések")
        indexes = [
            models.Index(fields=["about_type", "about_id", "created_at"],
                         name="mail_delivery_about"),
            models.Index(fields=["status", "next_attempt_at"], name="mail_delivery_status"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject} ({self.status})"
