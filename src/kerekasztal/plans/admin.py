from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Comment, Measure, Plan, PlanReview, Problem, Progress, Statistic


class ReviewInline(admin.TabularInline):
    model = PlanReview
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "scope", "forum", "settlement", "period_start", "period_end",
                    "status", "adopted_on"]
    list_filter = ["scope", "status", "forum"]
    search_fields = ["title", "resolution_number"]
    raw_id_fields = ["settlement", "district", "county"]
    inlines = [ReviewInline]


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "target_group", "plan"]
    list_filter = ["target_group"]
    search_fields = ["title"]
    raw_id_fields = ["plan", "sources"]


class ProgressInline(admin.TabularInline):
    model = Progress
    extra = 0
    raw_id_fields = ["reported_by"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "target_group", "plan", "status", "percent"]
    list_filter = ["status", "target_group"]
    search_fields = ["title", "responsible"]
    raw_id_fields = ["plan", "problems", "sources", "responsible_organisation"]
    inlines = [ProgressInline]


@admin.register(Statistic)
class StatisticAdmin(SimpleHistoryAdmin):
    list_display = ["name", "chapter", "unit", "source", "plan"]
    raw_id_fields = ["plan"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "measure", "chapter", "author", "decision", "created_at"]
    list_filter = ["decision"]
    raw_id_fields = ["plan", "measure", "parent", "author"]
