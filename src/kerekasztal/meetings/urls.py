from django.urls import path

from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import views

app_name = "meetings"

M = "meetings/<int:pk>/"

urlpatterns = [
    forum_manage("meetings/", views.meeting_list, "list"),
    forum_manage("meetings/export.<fmt:fmt>", views.meeting_export, "export"),
    forum_manage("meetings/new/", views.meeting_create, "create"),
    forum_manage("meetings/held/new/", views.meeting_record_held, "record_held"),
    forum_manage("meetings/held/import/", views.held_import, "held_import"),
    forum_manage("meetings/held/import/<int:batch>/", views.held_import_preview,
                 "held_import_preview"),
    forum_manage("meetings/held/import/example.<fmt:fmt>", views.held_import_example,
                 "held_import_example"),
    forum_manage("meetings/quorum/", views.quorum_rule, "quorum"),
    forum_manage("attendance/", views.attendance_stats, "attendance_stats"),
    forum_manage("attendance/export.<fmt:fmt>", views.attendance_stats_export,
                 "attendance_stats_export"),
    forum_manage(M, views.meeting_detail, "detail"),
    forum_manage(M + "edit/", views.meeting_edit, "edit"),
    forum_manage(M + "cancel/", views.meeting_cancel, "cancel"),
    forum_manage(M + "agenda/", views.agenda, "agenda"),
    forum_manage(M + "agenda/<int:item>/", views.agenda_item_edit, "agenda_item_edit"),
    forum_manage(M + "agenda/<int:item>/move/", views.agenda_item_move, "agenda_item_move"),
    forum_manage(M + "agenda/<int:item>/delete/", views.agenda_item_delete,
                 "agenda_item_delete"),
    forum_manage(M + "attachments/<int:attachment>/", views.attachment_download,
                 "attachment"),
    forum_manage(M + "attachments/<int:attachment>/delete/", views.attachment_delete,
                 "attachment_delete"),
    forum_manage(M + "invitations/", views.invitations, "invitations"),
    forum_manage(M + "invitations/send/", views.invitations_send, "invitations_send"),
    forum_manage(M + "invitations/remind/", views.invitations_remind, "invitations_remind"),
    forum_manage(M + "invitations/<int:invitation>/rsvp/", views.rsvp_own, "rsvp_own"),
    forum_manage(M + "invitation.<str:doc>", views.invitation_document, "invitation_document"),
    forum_manage(M + "attendance/", views.attendance, "attendance"),
    forum_manage(M + "attendance/edit/", views.attendance_edit, "attendance_edit"),
    forum_manage(M + "attendance/scan/", views.attendance_scan, "attendance_scan"),
    forum_manage(M + "attendance-sheet.<str:doc>", views.attendance_sheet, "attendance_sheet"),
    forum_manage(M + "minutes/", views.minutes, "minutes"),
    forum_manage(M + "minutes/edit/", views.minutes_edit, "minutes_edit"),
    forum_manage(M + "minutes/send/", views.minutes_send, "minutes_send"),
    forum_manage(M + "minutes/approve/", views.minutes_approve, "minutes_approve"),
    forum_manage(M + "minutes/comment/", views.minutes_comment, "minutes_comment"),
    forum_manage(M + "minutes.<str:doc>", views.minutes_document, "minutes_document"),
    forum_manage(M + "decisions/new/", views.decision_create, "decision_create"),
    forum_manage("decisions/", views.register, "register"),
    forum_manage("decisions/export.<fmt:fmt>", views.register_export, "register_export"),
    forum_manage("decisions/<int:pk>/", views.decision_detail, "decision_detail"),
    forum_manage("decisions/<int:pk>/edit/", views.decision_edit, "decision_edit"),
    forum_public("meetings/", views.public_list, "public_list"),
    forum_public("meetings/calendar.ics", views.public_calendar, "public_calendar"),
    forum_public("meetings/<int:pk>/", views.public_detail, "public_detail"),
    path("meetings/rsvp/<str:token>/", views.rsvp, name="rsvp"),
    path("meetings/calendar/", views.calendar_settings, name="calendar_settings"),
    path("meetings/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
