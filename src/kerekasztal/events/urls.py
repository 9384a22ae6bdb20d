from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import views

app_name = "events"

urlpatterns = [
    # workspace
    forum_manage("events/", views.event_list, "event_list"),
    forum_manage("events/export.<fmt:fmt>", views.event_export, "event_export"),
    forum_manage("events/new/", views.event_create, "event_create"),
    forum_manage("events/series/new/", views.series_create, "series_create"),
    forum_manage("events/<int:pk>/", views.event_detail, "event_detail"),
    forum_manage("events/<int:pk>/edit/", views.event_edit, "event_edit"),
    forum_manage("events/<int:pk>/publish/", views.event_publish, "event_publish"),
    forum_manage("events/<int:pk>/cancel/", views.event_cancel, "event_cancel"),
    forum_manage("events/<int:pk>/registrations/", views.registration_list,
                 "registration_list"),
    forum_manage("events/<int:pk>/registrations/export.<fmt:fmt>", views.registration_export,
                 "registration_export"),
    forum_manage("events/<int:pk>/registrations/new/", views.registration_add,
                 "registration_add"),
    forum_manage("events/<int:pk>/registrations/<int:registration>/remove/",
                 views.registration_remove, "registration_remove"),
    forum_manage("events/<int:pk>/attendance/", views.attendance, "attendance"),
    forum_manage("events/<int:pk>/attendance/sheet.pdf", views.attendance_sheet,
                 "attendance_sheet"),
    forum_manage("events/<int:pk>/attendance/signed/", views.attendance_scan, "attendance_scan"),
    forum_manage("events/<int:pk>/report/", views.report, "report"),
    forum_manage("events/<int:pk>/report.pdf", views.report_pdf, "report_pdf"),
    forum_manage("events/<int:pk>/photos/", views.photos, "photos"),
    forum_manage("events/<int:pk>/photos/<int:photo>/edit/", views.photo_edit, "photo_edit"),
    forum_manage("events/<int:pk>/photos/<int:photo>/delete/", views.photo_delete,
                 "photo_delete"),
    forum_manage("events/<int:pk>/photos/<int:photo>/<str:size>/", views.photo_file,
                 "photo_file"),
    forum_manage("events/<int:pk>/certificates/issue/", views.certificates_issue,
                 "certificates_issue"),
    forum_manage("events/<int:pk>/certificates.pdf", views.certificates_pdf,
                 "certificates_pdf"),
    # public site
    forum_public("events/", views.public_calendar, "public_calendar"),
    forum_public("events/export.<fmt:fmt>", views.public_export, "public_export"),
    forum_public("events/calendar.ics", views.public_ical, "public_ical"),
    forum_public("events/feed/", views.public_feed, "public_feed"),
    forum_public("events/gallery/", views.public_gallery, "public_gallery"),
    forum_public("events/photos/<int:photo>/<str:size>/", views.public_photo, "public_photo"),
    forum_public("events/certificates/", views.certificate_verify, "certificate_verify"),
    forum_public("events/<int:pk>/", views.public_detail, "public_detail"),
    forum_public("events/<int:pk>/event.ics", views.public_event_ics, "public_event_ics"),
    forum_public("events/<int:pk>/register/", views.public_register, "public_register"),
    forum_public("events/registration/<str:token>/cancel/", views.registration_cancel,
                 "registration_cancel"),
]
