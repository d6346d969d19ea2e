from django import forms
from django.utils.translation import gettext_lazy as _


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("手机号"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("短信验证码"), max_length=6, min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}),
    )  # fmt: skip


class SignupForm(CodeForm):
    password = forms.CharField(
        label=_("设置密码（可不填，以后用验证码登录）"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ResetForm(CodeForm):
    password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class PasswordLoginForm(forms.Form):
    phone = forms.CharField(
        label=_("手机号"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class LinkForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("身份证号"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    building = forms.ChoiceField(label=_("楼栋"))
    room = forms.CharField(label=_("房号"), max_length=20, help_text=_("如：301"))


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("不通过的原因"), max_length=200)
