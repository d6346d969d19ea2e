from django import forms
from django.utils.translation import gettext_lazy as _

from linli.cases.models import Category, Channel, Urgency
from linli.cases.services import CaseInput
from linli.core.forms import IdField

STAFF_CHANNELS = [
    Channel.STAFF,
    Channel.PHONE,
    Channel.HOTLINE,
    Channel.GRID,
    Channel.BUILDING_HEAD,
    Channel.STATION,
]
STAFF_ONLY = ("channel", "hotline_number", "on_behalf", "title")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class CaseForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("诉求类别"), queryset=Category.objects.none(), empty_label=_("— 选择类别 —")
    )
    description = forms.CharField(
        label=_("情况描述"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("什么地方、什么问题、持续多久、希望怎么解决")}),
    )
    title = forms.CharField(label=_("标题"), max_length=100, required=False, help_text=_("不填则取描述的前30个字。"))
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    channel = forms.ChoiceField(label=_("来源渠道"), choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    hotline_number = forms.CharField(
        label=_("12345工单号"),
        max_length=32,
        required=False,
        help_text=_("12345热线转办的必填，如 2026120200123（照工单上的写）。"),
    )
    compound = IdField(required=False, widget=forms.HiddenInput)
    building = IdField(required=False, widget=forms.HiddenInput)
    dwelling = IdField(required=False, widget=forms.HiddenInput)
    address_text = forms.CharField(
        label=_("地点说明"), max_length=200, required=False, help_text=_("如：3栋2单元楼道、北门停车场。")
    )
    reporter = IdField(required=False, widget=forms.HiddenInput)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    on_behalf = forms.BooleanField(label=_("代没有手机的居民登记"), required=False)
    anonymous = forms.BooleanField(label=_("匿名（不向承办单位显示联系人）"), required=False)
    files = MultipleFileField(
        label=_("照片或文件"), required=False, help_text=_("JPG、PNG、GIF、WEBP照片或PDF，每个不超过10 MB，最多9个。")
    )

    def __init__(self, *args, categories, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        if not staff:
            for name in STAFF_ONLY:
                del self.fields[name]
            # A resident's own words, not the desk's (the fields and checks are the same).
            self.fields["description"].label = _("说说您遇到的问题")
            example = _("比如：3栋2单元楼道的灯坏了一个星期，晚上看不清路")
            self.fields["description"].widget.attrs["placeholder"] = example
            self.fields["category"].label = _("问题属于哪一类")
            self.fields["category"].empty_label = _("— 请选一类 —")
            self.fields["address_text"].label = _("具体在哪里")
            self.fields["contact_name"].label = _("怎么称呼您")
            self.fields["contact_phone"].label = _("联系电话")
            self.fields["contact_phone"].help_text = _("不填就用您登记的电话。")
            self.fields["anonymous"].label = _("不让办理单位看到我的姓名和电话")

    def to_input(self) -> CaseInput:
        d = self.cleaned_data
        return CaseInput(
            category_id=d["category"].pk,
            description=d["description"],
            title=d.get("title") or "",
            urgency=d["urgency"],
            compound_id=d.get("compound"),
            building_id=d.get("building"),
            dwelling_id=d.get("dwelling"),
            address_text=d.get("address_text") or "",
            reporter_id=d.get("reporter"),
            contact_name=d.get("contact_name") or "",
            contact_phone=d.get("contact_phone") or "",
            on_behalf=bool(d.get("on_behalf")),
            anonymous=bool(d.get("anonymous")),
            files=d.get("files") or [],
            hotline_number=d.get("hotline_number") or "",
        )


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "name",
            "code",
            "kind",
            "description",
            "handler",
            "handler_org",
            "sla_hours",
            "urgent_hours",
            "critical_hours",
            "safety",
            "keywords",
            "public",
            "active",
            "order",
        ]

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler_org"].queryset = orgs
        self.fields["handler_org"].empty_label = _("— 无 —")
        for name in ("sla_hours", "urgent_hours", "critical_hours"):
            self.fields[name].min_value = 1
        self.fields["order"].label = _("排序")

    def clean_sla_hours(self):
        value = self.cleaned_data["sla_hours"]
        if not 1 <= value <= 24 * 90:
            raise forms.ValidationError(_("办理时限应在1小时到90天（2160小时）之间。"))
        return value

    def clean(self):
        data = super().clean()
        normal, urgent, critical = (data.get(k) for k in ("sla_hours", "urgent_hours", "critical_hours"))
        if normal and urgent and urgent > normal:
            self.add_error("urgent_hours", _("紧急诉求的时限不能长于一般时限（%(n)d小时）。") % {"n": normal})
        elif urgent and critical and critical > urgent:
            self.add_error("critical_hours", _("特急诉求的时限不能长于紧急时限（%(n)d小时）。") % {"n": urgent})
        return data
