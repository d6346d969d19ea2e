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


WEEKDAYS = [
    (0, _("周一")), (1, _("周二")), (2, _("周三")), (3, _("周四")), (4, _("周五")), (5, _("周六")), (6, _("周日")),
]  # fmt: skip


class MeetingForm(forms.Form):
    """A weekly time in a room (venues checks each date); `things` are the bookable ones by venue."""

    thing = forms.TypedChoiceField(label=_("场地"), coerce=int)
    weekday = forms.TypedChoiceField(label=_("每周"), choices=WEEKDAYS, coerce=int, initial=2)
    starts_time = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends_time = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    weeks = forms.IntegerField(label=_("共几周"), min_value=1, max_value=52, initial=12)

    def __init__(self, *args, things=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thing"].choices = [("", _("请选择场地"))] + [(venue, list(rows)) for venue, rows in things]


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
