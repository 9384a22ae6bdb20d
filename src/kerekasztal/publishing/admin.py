from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Album, Document, Photo, Post, PostAttachment, PostImage, SiteSettings


class PostImageInline(admin.TabularInline):
    model = PostImage
    extra = 0


class PostAttachmentInline(admin.TabularInline):
    model = PostAttachment
    extra = 0


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "forum", "kind", "status", "publish_at"]
    list_filter = ["kind", "status", "forum"]
    search_fields = ["title"]
    inlines = [PostImageInline, PostAttachmentInline]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "forum", "kind", "language", "published"]
    list_filter = ["kind", "language", "forum"]
    search_fields = ["title"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0


@admin.register(Album)
class AlbumAdmin(SimpleHistoryAdmin):
    list_display = ["title", "forum", "taken_on", "published"]
    inlines = [PhotoInline]


@admin.register(SiteSettings)
class SiteSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["forum", "compliance", "updated_at"]
