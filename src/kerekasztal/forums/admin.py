from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Forum, ForumAccess, Membership


class ForumAccessInline(admin.TabularInline):
    model = ForumAccess
    extra = 1
    autocomplete_fields = ["user"]
    raw_id_fields = ["settlement"]


@admin.register(Forum)
class ForumAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug", "district", "county", "founded_on"]
    list_filter = ["kind", "county"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["lead_organisation", "parent"]
    inlines = [ForumAccessInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "forum", "role", "since", "until"]
    list_filter = ["role", "forum"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["representatives"]


@admin.register(ForumAccess)
class ForumAccessAdmin(SimpleHistoryAdmin):
    list_display = ["user", "forum", "role", "settlement"]
    list_filter = ["role"]
    raw_id_fields = ["user", "settlement"]
