from django import forms
from django.utils.translation import gettext_lazy as _

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
