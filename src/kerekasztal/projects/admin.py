from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Asset,
    ConsortiumPartner,
    Deliverable,
    Extension,
    Indicator,
    ManualValue,
    Milestone,
    PressRelease,
    Project,
    StaffRole,
)


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0


class PartnerInline(admin.TabularInline):
    model = ConsortiumPartner
    extra = 0
    raw_id_fields = ["organisation"]


class StaffInline(admin.TabularInline):
    model = StaffRole
    extra = 0
    raw_id_fields = ["person", "employer"]


class AssetInline(admin.TabularInline):
    model = Asset
    extra = 0


class DeliverableInline(admin.TabularInline):
    model = Deliverable
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "forum", "start", "end"]
    list_filter = ["programme", "forum"]
    search_fields = ["code", "title"]
    raw_id_fields = ["forum", "beneficiary", "contact"]
    filter_horizontal = ["forums_funded"]
    inlines = [ExtensionInline, PartnerInline, StaffInline, AssetInline, DeliverableInline,
               MilestoneInline, IndicatorInline]


@admin.register(ManualValue)
class ManualValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "as_of", "value"]
    raw_id_fields = ["indicator"]


@admin.register(PressRelease)
class PressReleaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "kind", "published_at"]
    list_filter = ["kind"]
    raw_id_fields = ["project"]
