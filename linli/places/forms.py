from django import forms
from django.utils.translation import gettext_lazy as _

from linli.places.models import Compound, Dwelling, Grid


class CompoundForm(forms.Form):
    name = forms.CharField(label=_("小区名称"), max_length=100)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    property_company = forms.CharField(label=_("物业公司"), max_length=100, required=False)


class GridForm(forms.Form):
    name = forms.CharField(label=_("网格名称"), max_length=100)
    code = forms.CharField(label=_("网格编号"), max_length=32, required=False)


class BuildingForm(forms.Form):
    compound = forms.ModelChoiceField(label=_("所属小区"), queryset=Compound.objects.none())
    name = forms.CharField(label=_("楼栋名称"), max_length=50, help_text=_("如：3栋、12号楼"))
    grid = forms.ModelChoiceField(label=_("所属网格"), queryset=Grid.objects.none(), required=False)
    floors = forms.IntegerField(label=_("层数"), min_value=1, max_value=100, required=False)
    units = forms.IntegerField(
        label=_("单元数"), min_value=0, max_value=20, required=False, initial=0, help_text=_("没有单元的楼填0")
    )
    rooms_per_floor = forms.IntegerField(
        label=_("每层户数"),
        min_value=0,
        max_value=50,
        required=False,
        initial=0,
        help_text=_("填写后自动生成房屋，如3层每层2户：101、102、201 …"),
    )


class AssignWorkerForm(forms.Form):
    user = forms.TypedChoiceField(label=_("网格员"), coerce=int)


class DwellingForm(forms.Form):
    unit_name = forms.CharField(
        label=_("单元"), max_length=30, required=False, help_text=_("没有单元可不填；新单元会自动建立")
    )
    room = forms.CharField(label=_("房号"), max_length=20)
    use = forms.ChoiceField(label=_("使用情况"), choices=Dwelling.Use.choices)
