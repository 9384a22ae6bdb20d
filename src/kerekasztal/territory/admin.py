from django.contrib import admin

from .models import County, District, Settlement


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "seat", "population"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "county", "seat", "population"]
    list_filter = ["county"]
    search_fields = ["name"]


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "ksh_code", "status", "district", "county", "population"]
    list_filter = ["county", "status"]
    search_fields = ["name", "ksh_code"]
