from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.forms import IdField
from linli.people.models import Relation, Resident
from linli.people.services import UNCHANGED, ResidentInput
from linli.places.models import Dwelling

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> needs


class DwellingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ResidentForm(forms.Form):
    """Parses types only; the service validates meaning (ID check digit, scope, duplicates)."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=40, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    gender = forms.ChoiceField(
        label=_("性别"), choices=[("", _("由身份证号自动识别"))] + list(Resident.Gender.choices), required=False
    )
    birth_date = forms.DateField(label=_("出生日期"), required=False, widget=DATE, help_text=_("有身份证号时自动识别"))
    ethnicity = forms.CharField(label=_("民族"), max_length=20, required=False, initial="汉族")
    residence = forms.ChoiceField(label=_("人口类型"), choices=Resident.Residence.choices)
    hukou_area_code = forms.CharField(
        label=_("户籍地行政区划代码"), max_length=6, required=False, help_text=_("6位数字；不填时取身份证号前6位")
    )
    hukou_address = forms.CharField(label=_("户籍地址"), max_length=200, required=False)
    dwelling = DwellingChoiceField(label=_("现住房屋"), queryset=Dwelling.objects.none(), required=False)
    moved_in_date = forms.DateField(label=_("迁入日期"), required=False, widget=DATE)
    occupation = forms.CharField(label=_("职业/工作单位"), max_length=100, required=False)
    free_time = forms.CharField(label=_("空闲时间"), max_length=100, required=False)
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, dwellings=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if dwellings is not None:
            self.fields["dwelling"].queryset = dwellings
        if editing:
            for name in ("id_number", "phone"):
                self.fields[name].help_text = _("不修改请留空；已登记的号码不在此显示")

    def clean_moved_in_date(self):
        value = self.cleaned_data.get("moved_in_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("迁入日期不能晚于今天。"))
        return value

    def to_input(self) -> ResidentInput:
        data = self.cleaned_data
        keep = self.editing

        def pii(name):
            value = (data.get(name) or "").strip()
            return UNCHANGED if keep and not value else value

        return ResidentInput(
            name=data["name"],
            gender=data.get("gender") or "",
            birth_date=data.get("birth_date"),
            ethnicity=data.get("ethnicity") or "",
            id_number=pii("id_number"),
            phone=pii("phone"),
            residence=data["residence"],
            hukou_area_code=(data.get("hukou_area_code") or "").strip(),
            hukou_address=data.get("hukou_address") or "",
            dwelling_id=data["dwelling"].pk if data.get("dwelling") else None,
            moved_in_date=data.get("moved_in_date"),
            occupation=data.get("occupation") or "",
            free_time=data.get("free_time") or "",
            notes=data.get("notes") or "",
        )


class MoveOutForm(forms.Form):
    date = forms.DateField(label=_("迁出日期"), widget=DATE, initial=timezone.localdate)
    place = forms.CharField(label=_("迁往"), max_length=200, required=False)
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)
    deceased = forms.BooleanField(label=_("死亡注销"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MoveInForm(forms.Form):
    date = forms.DateField(label=_("迁入日期"), widget=DATE, initial=timezone.localdate)
    dwelling = DwellingChoiceField(label=_("现住房屋"), queryset=Dwelling.objects.none(), required=False)
    place = forms.CharField(label=_("迁自"), max_length=200, required=False)


class TagsForm(forms.Form):
    tags = forms.MultipleChoiceField(label=_("标签"), required=False, widget=forms.CheckboxSelectMultiple)


class HouseholdForm(forms.Form):
    number = forms.CharField(label=_("户号"), max_length=32)
    dwelling = DwellingChoiceField(label=_("住址"), queryset=Dwelling.objects.none(), required=False)
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MemberForm(forms.Form):
    resident = IdField(widget=forms.HiddenInput)
    relation = forms.ChoiceField(label=_("与户主关系"), choices=Relation.choices)
    joined_date = forms.DateField(label=_("入户日期"), required=False, widget=DATE)


class TagForm(forms.Form):
    name = forms.CharField(label=_("标签名称"), max_length=30)
    sensitive = forms.BooleanField(label=_("敏感标签（仅授权人员可见）"), required=False)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class TalentForm(forms.Form):
    skill = forms.CharField(label=_("特长/技能"), max_length=50)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    willing_to_serve = forms.BooleanField(label=_("愿意参与志愿服务"), required=False, initial=True)


class HouseholdEditForm(HouseholdForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
