from django.contrib import admin

from linli.places.models import BuildingHead, GridAssignment


@admin.register(GridAssignment)
class GridAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "grid", "community")
    list_filter = ("community",)


@admin.register(BuildingHead)
class BuildingHeadAdmin(admin.ModelAdmin):
    list_display = ("user", "building", "community")
    list_filter = ("community",)
    raw_id_fields = ("building",)
