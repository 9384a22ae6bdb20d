from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, Decision, Invitation, Meeting, Minutes, QuorumRule


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["presenter_person", "presenter_organisation"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "forum", "starts_at", "status", "visibility"]
    list_filter = ["status", "visibility", "forum"]
    search_fields = ["title"]
    raw_id_fields = ["venue_settlement"]
    inlines = [AgendaItemInline]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "meeting", "organisation", "rsvp", "sent_at"]
    list_filter = ["rsvp"]
    raw_id_fields = ["meeting", "organisation", "person", "substitute"]
    exclude = ["nonce"]


@admin.register(Minutes)
class MinutesAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "kind", "status", "approved_on"]
    raw_id_fields = ["meeting"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["label", "forum", "status", "deadline", "without_quorum"]
    list_filter = ["status", "forum"]
    raw_id_fields = ["meeting", "responsible_organisation"]


admin.site.register(QuorumRule)
