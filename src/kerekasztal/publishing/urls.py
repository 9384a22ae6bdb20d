from django.urls import path

from kerekasztal.core.urlpaths import forum_manage, forum_public

from . import platform, views

app_name = "publishing"

urlpatterns = [
    # the platform
    path("", platform.home, name="home"),
    path("forums/export.<fmt:fmt>", platform.forums_export, name="forums_export"),
    path("search/", platform.search_view, name="platform_search"),
    path("search/export.<fmt:fmt>", platform.search_export, name="platform_search_export"),
    path("news/rss/", platform.latest_rss, name="platform_rss"),
    path("sitemap.xml", platform.sitemap, name="sitemap"),
    path("robots.txt", platform.robots, name="robots"),
    # a forum's public site
    forum_public("news/", views.news_list, "news_list"),
    forum_public("news/export.<fmt:fmt>", views.news_export, "news_export"),
    forum_public("news/rss/", views.news_rss, "news_rss"),
    forum_public("news/atom/", views.news_atom, "news_atom"),
    forum_public("news/<int:pk>/", views.post_detail, "post_detail"),
    forum_public("news/<int:post>/images/<int:pk>/", views.post_image, "post_image"),
    forum_public("news/<int:post>/attachments/<int:pk>/", views.post_attachment,
                 "post_attachment"),
    forum_public("members/", views.member_list, "member_list"),
    forum_public("members/export.<fmt:fmt>", views.member_export, "member_export"),
    forum_public("documents/", views.document_list, "document_list"),
    forum_public("documents/export.<fmt:fmt>", views.document_export, "document_export"),
    forum_public("documents/<int:pk>/file/", views.document_file, "document_file"),
    forum_public("gallery/", views.album_list, "album_list"),
    forum_public("gallery/export.<fmt:fmt>", views.album_export, "album_export"),
    forum_public("gallery/<int:pk>/", views.album_detail, "album_detail"),
    forum_public("gallery/photos/<int:pk>/", views.photo_file, "photo_file"),
    forum_public("contact/", views.contact, "contact"),
    forum_public("accessibility/", views.accessibility, "accessibility"),
    forum_public("privacy/", views.privacy, "privacy"),
    forum_public("search/", views.forum_search, "search"),
    forum_public("search/export.<fmt:fmt>", views.forum_search_export, "search_export"),
    # the workspace
    forum_manage("news/", views.manage_posts, "manage_posts"),
    forum_manage("news/export.<fmt:fmt>", views.manage_posts_export, "manage_posts_export"),
    forum_manage("news/new/", views.post_create, "post_create"),
    forum_manage("news/<int:pk>/", views.post_edit, "post_edit"),
    forum_manage("news/<int:pk>/delete/", views.post_delete, "post_delete"),
    forum_manage("news/<int:pk>/images/<int:file_pk>/", views.manage_post_file,
                 "manage_post_image", kwargs={"what": "image"}),
    forum_manage("news/<int:pk>/attachments/<int:file_pk>/", views.manage_post_file,
                 "manage_post_attachment", kwargs={"what": "attachment"}),
    forum_manage("documents/", views.manage_documents, "manage_documents"),
    forum_manage("documents/export.<fmt:fmt>", views.manage_documents_export,
                 "manage_documents_export"),
    forum_manage("documents/new/", views.document_create, "document_create"),
    forum_manage("documents/<int:pk>/", views.document_edit, "document_edit"),
    forum_manage("documents/<int:pk>/file/", views.manage_document_file,
                 "manage_document_file"),
    forum_manage("gallery/", views.manage_albums, "manage_albums"),
    forum_manage("gallery/export.<fmt:fmt>", views.manage_albums_export,
                 "manage_albums_export"),
    forum_manage("gallery/new/", views.album_create, "album_create"),
    forum_manage("gallery/<int:pk>/", views.album_edit, "album_edit"),
    forum_manage("gallery/photos/<int:pk>/", views.manage_photo_file, "manage_photo_file"),
    forum_manage("gallery/photos/<int:pk>/delete/", views.photo_delete, "photo_delete"),
    forum_manage("site/", views.site_settings, "site_settings"),
]
