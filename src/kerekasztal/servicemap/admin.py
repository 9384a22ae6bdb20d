from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Gap, Questionnaire, ReportComment, ServicePoint, ServiceRule, ServiceType


@admin.register(ServiceType)
class ServiceTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "required_from_population", "local_from_population",
                    "max_distance_km", "order"]
    list_filter = ["category"]
    search_fields = ["name", "code"]


@admin.register(ServiceRule)
class ServiceRuleAdmin(SimpleHistoryAdmin):
    list_display = ["forum", "service_type", "required_from_population",
                    "local_from_population", "max_distance_km"]
    list_filter = ["forum"]


@admin.register(ServicePoint)
class ServicePointAdmin(SimpleHistoryAdmin):
    list_display = ["provider_name", "service_type", "settlement", "forum", "is_active"]
    list_filter = ["forum", "service_type", "is_active"]
    search_fields = ["provider_name"]
    raw_id_fields = ["settlement", "served_settlements", "organisation"]


@admin.register(Gap)
class GapAdmin(SimpleHistoryAdmin):
    list_display = ["settlement", "service_type", "forum", "status", "found_on", "resolved_on"]
    list_filter = ["forum", "status", "service_type"]
    raw_id_fields = ["settlement"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    list_display = ["settlement", "forum", "submitted_at", "submitted_by"]
    raw_id_fields = ["settlement", "submitted_by"]


@admin.register(ReportComment)
class ReportCommentAdmin(admin.ModelAdmin):
    list_display = ["forum", "author", "created_at"]
    raw_id_fields = ["author"]
