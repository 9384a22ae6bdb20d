from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event, EventSeries, Photo, Registration


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "forum", "kind", "starts_at", "status", "is_public"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["title", "venue"]
    raw_id_fields = ["forum", "organiser", "series"]
    filter_horizontal = ["topics", "target_groups", "settlements", "partners"]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "forum"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "settlement"]


@admin.register(Photo)
class PhotoAdmin(SimpleHistoryAdmin):
    list_display = ["alt_text", "event", "consent"]
    raw_id_fields = ["event"]
