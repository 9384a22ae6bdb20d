from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, AgreementTemplate, Commitment, Party, Signature


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "forum", "kind", "signed_on", "terminated_on", "version"]
    list_filter = ["kind", "forum"]
    search_fields = ["title", "purpose"]
    readonly_fields = ["version", "opened_on", "signed_on"]
    inlines = [PartyInline]


@admin.register(Signature)
class SignatureAdmin(SimpleHistoryAdmin):
    list_display = ["party", "version", "signed_on", "signatory_name"]
    search_fields = ["signatory_name", "party__organisation__name"]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agreement", "party", "due_on", "status"]
    list_filter = ["status"]


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "forum", "kind"]
