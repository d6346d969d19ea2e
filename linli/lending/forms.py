"""The title form (the service checks the values again; the form parses what was typed)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.lending.models import Category, Kind, Title
from linli.lending.services import Rules, TitleInput


def yuan_to_fen(text: object) -> int:
    """“12.5” (元) → 1250 (分); a bad amount is a ValueError naming it."""
    raw = str(text or "0").strip().replace("元", "").replace("¥", "") or "0"
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("押金“%(v)s”不是金额。") % {"v": raw}) from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(_("押金应是不小于0、最多两位小数的金额。"))
    return int(amount * 100)


class TitleForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=Kind.choices)
    isbn = forms.CharField(label=gettext_lazy("ISBN"), required=False, max_length=40)
    title = forms.CharField(label=gettext_lazy("书名/物品"), max_length=200)
    author = forms.CharField(label=gettext_lazy("作者"), required=False, max_length=100)
    publisher = forms.CharField(label=gettext_lazy("出版社"), required=False, max_length=100)
    year = forms.IntegerField(label=gettext_lazy("出版年份"), required=False)
    category = forms.ModelChoiceField(label=gettext_lazy("分类"), queryset=Category.objects.none(), required=False)
    deposit = forms.CharField(label=gettext_lazy("押金（元）"), required=False, max_length=12)
    note = forms.CharField(label=gettext_lazy("备注"), required=False, max_length=200)
    copies = forms.IntegerField(
        label=gettext_lazy("同时登记复本（册/件）"), required=False, min_value=0, max_value=50, initial=1
    )
    shelf_mark = forms.CharField(label=gettext_lazy("架位"), required=False, max_length=30)

    def __init__(self, *args, instance: Title | None = None, community_id: int, **kwargs):
        if instance is not None:
            kwargs["initial"] = {
                "kind": instance.kind,
                "isbn": instance.isbn,
                "title": instance.title,
                "author": instance.author,
                "publisher": instance.publisher,
                "year": instance.year,
                "category": instance.category_id,
                "deposit": f"{instance.deposit_fen / 100:.2f}",
                "note": instance.note,
            }
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.in_community(community_id)
        if instance is not None:
            del self.fields["copies"], self.fields["shelf_mark"]

    def clean_deposit(self) -> int:
        try:
            return yuan_to_fen(self.cleaned_data.get("deposit"))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def to_input(self) -> TitleInput:
        d = self.cleaned_data
        return TitleInput(
            title=d["title"],
            kind=d["kind"],
            isbn=d.get("isbn") or "",
            author=d.get("author") or "",
            publisher=d.get("publisher") or "",
            year=d.get("year"),
            category_id=d["category"].pk if d.get("category") else None,
            deposit_fen=d.get("deposit") or 0,
            note=d.get("note") or "",
        )


def rules_from_post(post) -> Rules:
    """The rules form's integers (ValueError on one that is not)."""
    return Rules(**{key: int(post.get(key, "")) for key in Rules.FIELDS})
