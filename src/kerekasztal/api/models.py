"""Per-user API tokens: only a hash is stored; the token is shown once when created."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("felhasználó"))
    name = models.CharField(_("megnevezés"), max_length=100,
                            help_text=_("Mire használja? Például: „megyei adattárház”."))
    prefix = models.CharField(_("eleje"), max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("létrehozva"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("utoljára használva"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("visszavonva"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-kulcs")
        verbose_name_plural = _("API-kulcsok")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str) -> tuple["ApiToken", str]:
        token = f"kk_{secrets.token_urlsafe(32)}"
        record = cls(user=user, name=name, prefix=token[:PREFIX_LENGTH],
                     key_hash=hash_token(token))
        record.full_clean()
        record.save()
        return record, token

    @classmethod
    def authenticate(cls, token: str):
        """The user of an active token, or None; records the time of use."""
        if not token or len(token) > 200:
            return None
        record = cls.objects.active().select_related("user").filter(
            key_hash=hash_token(token)).first()
        if record is None or not record.user.is_active:
            return None
        now = timezone.now()
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            cls.objects.filter(pk=record.pk).update(last_used_at=now)
        return record.user

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
