from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from linli.core.audit import MIN_REASON_LENGTH
from linli.core.ui import id_param


class IdField(forms.CharField):
    """A row id in a filter or a hidden input, read by core.ui.id_param (ASCII digits inside the
    database's bigint): anything else is a form error, never a number the query cannot hold."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        parsed = id_param(value)
        if parsed is None:
            raise forms.ValidationError(_("编号无效。"), code="invalid")
        return parsed


class LoginForm(forms.Form):
    username = forms.CharField(label=_("账号"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, max_length=200)

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any):
        self.request = request
        self.user: AbstractBaseUser | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        user = authenticate(self.request, username=data["username"].strip(), password=data["password"])
        if getattr(self.request, "axes_locked_out", False):
            raise forms.ValidationError(_("登录失败次数过多，该账号已暂时锁定，请15分钟后再试，或联系社区管理员。"))
        if user is None:
            raise forms.ValidationError(_("账号或密码不对，请检查后重试（注意大小写）。"))
        if not user.is_active:
            raise forms.ValidationError(_("该账号已停用，请联系社区管理员。"))
        self.user = user
        return data


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("动态验证码"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class RevealForm(forms.Form):
    field = forms.ChoiceField(choices=[("id_number", _("身份证号")), ("phone", _("电话"))], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("查看原因"),
        min_length=MIN_REASON_LENGTH,
        max_length=200,
        help_text=_("如：办理高龄津贴需核对身份证号。将记入访问日志。"),
    )


class ReauthForm(forms.Form):
    """The password or a current code again, for steps a stolen session must not take."""

    secret = forms.CharField(
        label=_("当前密码或动态验证码"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("为确认是您本人操作，请再输入一次登录密码，或验证器App中当前的6位动态码。"),
    )


class TokenForm(ReauthForm):
    name = forms.CharField(label=_("用途"), max_length=100, help_text=_("如：区里的数据对接"))
    days = forms.IntegerField(label=_("有效期（天）"), min_value=1, initial=90)
    read_only = forms.BooleanField(label=_("只读（不能修改数据）"), required=False, initial=True)

    field_order = ["name", "days", "read_only", "secret"]

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        # The switch-off form on the same page has a `secret` too: ids apart, so each label finds its box.
        kwargs.setdefault("auto_id", "id_token_%s")
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.LINLI_TOKEN_DAYS
        self.fields["days"].widget.attrs["max"] = settings.LINLI_TOKEN_MAX_DAYS
