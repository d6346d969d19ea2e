from django import forms
from django.utils.translation import gettext_lazy as _

from linli.staff.models import CertificateKind
from linli.staff.services import COMMUNITY_ROLES
from linli.tenancy.permissions import Role


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=150)
    username = forms.CharField(label=_("登录账号"), max_length=150, help_text=_("字母、数字和 . _ -，如 xianhu.zhang"))
    # 居民 first: a hurried secretary must not hand out her own powers by leaving the default.
    role = forms.ChoiceField(
        label=_("角色"), choices=[(r.value, r.label) for r in COMMUNITY_ROLES], initial=Role.RESIDENT
    )
    grid = forms.TypedChoiceField(label=_("负责网格（网格员）"), coerce=int, required=False, empty_value=None)
    building = forms.TypedChoiceField(label=_("所在楼栋（楼长）"), coerce=int, required=False, empty_value=None)
    partner_org = forms.TypedChoiceField(
        label=_("所属单位（物业、业委会）"), coerce=int, required=False, empty_value=None
    )
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, max_length=128,
                               help_text=_("至少10位，不要用纯数字；请当面告知本人并提醒其登录后修改。"))  # fmt: skip
    resident = forms.IntegerField(widget=forms.HiddenInput, required=False)  # opened from a resident's record


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput, max_length=128)


_DATE = {"invalid": _("日期格式不对，请按 2024-05-20 这样填写。")}


class CertificateForm(forms.Form):
    """Every field optional here: the service names what is missing or wrong (certificates.py)."""

    kind = forms.ChoiceField(label=_("证书类别"), choices=[("", "—"), *CertificateKind.choices], required=False)
    title = forms.CharField(
        label=_("证书名称（其他证书）"), max_length=100, required=False, help_text=_("如：心理咨询师、养老护理员")
    )
    number = forms.CharField(label=_("证书编号"), max_length=60, required=False)
    issued_on = forms.DateField(
        label=_("发证日期"), required=False, error_messages=_DATE, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("有效期至"), required=False, error_messages=_DATE, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("没有截止日期的证书可不填。"),
    )  # fmt: skip

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["number"].help_text = _("不改编号请留空（已存的编号不在此显示）。")
            self.fields["number"].widget.attrs["autocomplete"] = "off"
