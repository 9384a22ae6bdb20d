from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Affiliation, Organisation, Person


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    raw_id_fields = ["person", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "forum", "seat", "archived_at"]
    list_filter = ["kind", "forum"]
    search_fields = ["name", "tax_number"]
    raw_id_fields = ["seat"]
    exclude = ["name_key"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "forum", "retention_until", "archived_at"]
    list_filter = ["forum", "legal_basis"]
    search_fields = ["name", "email"]
    raw_id_fields = ["user"]
    exclude = ["name_key"]
    inlines = [AffiliationInline]
