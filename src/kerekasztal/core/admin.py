from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Erasure, ImportBatch, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_superuser", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Adatok"), {"fields": ["full_name"]}),
        (_("Jogosultságok"), {"fields": ["is_active", "is_staff", "is_superuser", "groups",
                                         "user_permissions"]}),
        (_("Időpontok"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["forum", "kind", "filename", "status", "created_at", "applied_count"]
    list_filter = ["status", "kind"]
    readonly_fields = ["rows", "errors"]


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The accountability record of erasures: read only."""

    list_display = ["model", "object_id", "forum", "reason", "erased_at", "erased_by"]
    list_filter = ["reason", "model"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
