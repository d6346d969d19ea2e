"""The system administrator's screens for regions, communities, partner organisations and who holds
which role where. Only superusers reach /django-admin/; everyday work happens in the console."""

from django.contrib import admin

from linli.tenancy.models import Community, Membership, PartnerOrg, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name",)


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "street", "newcomer_years", "home_area_prefix")
    search_fields = ("name", "code")
    autocomplete_fields = ("street",)


@admin.register(PartnerOrg)
class PartnerOrgAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "community")
    list_filter = ("kind", "community")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "community", "region", "partner_org", "sees_sensitive_tags", "is_active")
    list_filter = ("role", "community", "is_active")
    search_fields = ("user__username", "user__first_name")
    autocomplete_fields = ("user", "community", "region")
