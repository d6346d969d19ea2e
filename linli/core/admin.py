from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OtpTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core.accounts import password_changed
from linli.core.models import AccessLog
from linli.core.security_events import otp_removed_event


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (the database refuses changes as well)."""

    list_display = ("at", "actor", "action", "subject_type", "subject_id", "fields", "reason", "community")
    list_filter = ("action", "community")
    search_fields = ("actor__username", "reason")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "change password" form: the account's API tokens go with the old password."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            password_changed(user=user, reason="django-admin")
        return user


class UserAdmin(DjangoUserAdmin):
    change_password_form = PasswordChangeForm


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserAdmin)


class TOTPDeviceAdmin(OtpTOTPDeviceAdmin):
    """django_otp's admin, but an administrator who deletes (or unconfirms) someone's confirmed
    authenticator leaves the row on that account's security timeline, as the owner's own switch-off does."""

    def save_model(self, request, obj, form, change):
        was_confirmed = change and TOTPDevice.objects.filter(pk=obj.pk, confirmed=True).exists()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if was_confirmed and not obj.confirmed:
                otp_removed_event(user=obj.user, actor=request.user, device_name=obj.name)

    def delete_model(self, request, obj):
        with transaction.atomic():
            confirmed, user, name = obj.confirmed, obj.user, obj.name
            super().delete_model(request, obj)
            if confirmed:
                otp_removed_event(user=user, actor=request.user, device_name=name)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            removed = [(d.user, d.name) for d in queryset.filter(confirmed=True).select_related("user")]
            super().delete_queryset(request, queryset)
            for user, name in removed:
                otp_removed_event(user=user, actor=request.user, device_name=name)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
