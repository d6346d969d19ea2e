from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.orgs.models import Kind, Level, Role, Stage


class OrgForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=60)
    kind = forms.ChoiceField(label=_("类型"), choices=Kind.choices)
    intro = forms.CharField(label=_("简介"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    meets = forms.CharField(label=_("活动时间"), max_length=100, required=False, help_text=_("例如：每周三晚上7点"))
    place = forms.CharField(label=_("活动地点"), max_length=60, required=False)
    open_to_join = forms.BooleanField(label=_("接受居民申请加入"), required=False, initial=True)


class MemberForm(forms.Form):
    resident = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("职务"), choices=Role.choices, initial=Role.MEMBER)
    introduced_by = forms.IntegerField(required=False, widget=forms.HiddenInput)
    joined_on = forms.DateField(
        label=_("加入日期"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("孵化阶段"), choices=Stage.choices)
    on = forms.DateField(label=_("日期"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    support = forms.CharField(
        label=_("提供的支持"), max_length=200, required=False, help_text=_("例如：提供场地、骨干培训、申请公益创投")
    )


class AwardForm(forms.Form):
    title = forms.CharField(label=_("奖项或演出"), max_length=120)
    level = forms.ChoiceField(label=_("级别"), choices=Level.choices, initial=Level.DISTRICT)
    on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
