"""The notice form: what was typed, parsed; the service checks the values and the audience again."""

from django import forms
from django.utils.translation import gettext_lazy

from linli.notices.models import Notice
from linli.notices.services import NoticeInput


class NoticeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=120)
    body = forms.CharField(label=gettext_lazy("正文"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=Notice.Category.choices)
    whole = forms.BooleanField(label=gettext_lazy("全社区"), required=False)
    compounds = forms.MultipleChoiceField(label=gettext_lazy("小区"), required=False)
    buildings = forms.MultipleChoiceField(label=gettext_lazy("楼栋"), required=False)
    grids = forms.MultipleChoiceField(label=gettext_lazy("网格"), required=False)
    tags = forms.MultipleChoiceField(label=gettext_lazy("标签（同时满足）"), required=False)
    publish_at = forms.DateTimeField(
        label=gettext_lazy("发布时间"), required=False, help_text=gettext_lazy("不填则立即发布"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    expires_at = forms.DateTimeField(
        label=gettext_lazy("有效期至"), required=False, help_text=gettext_lazy("过期后不再显示给居民"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    pinned = forms.BooleanField(label=gettext_lazy("置顶"), required=False)
    send_messages = forms.BooleanField(
        label=gettext_lazy("同时发消息（短信/微信）"), required=False,
        help_text=gettext_lazy("有账号的居民会收到提醒；站内通知总会显示。"),
    )  # fmt: skip

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["compounds"].choices = [(c.pk, c.name) for c in area.compounds]
        self.fields["buildings"].choices = [(b.pk, str(b)) for b in area.buildings]
        self.fields["grids"].choices = [(g.pk, g.name) for g in area.grids]
        self.fields["tags"].choices = [(t.pk, t.name) for t in area.tags]
        if not area.whole:
            del self.fields["whole"]
            del self.fields["compounds"]

    def to_input(self, files) -> NoticeInput:
        d = self.cleaned_data
        audience = {k: d.get(k) or [] for k in ("compounds", "buildings", "grids", "tags")}
        audience["whole"] = bool(d.get("whole"))
        return NoticeInput(
            title=d["title"], body=d["body"], category=d["category"], audience=audience,
            publish_at=d.get("publish_at"), expires_at=d.get("expires_at"), pinned=bool(d.get("pinned")),
            send_messages=bool(d.get("send_messages")), files=list(files),
        )  # fmt: skip


def initial_of(notice: Notice) -> dict:
    audience = notice.audience or {}
    return {
        "title": notice.title, "body": notice.body, "category": notice.category,
        "whole": bool(audience.get("whole")), "publish_at": notice.publish_at, "expires_at": notice.expires_at,
        "pinned": notice.pinned, "send_messages": notice.send_messages,
        **{k: [str(i) for i in audience.get(k, [])] for k in ("compounds", "buildings", "grids", "tags")},
    }  # fmt: skip


class ThresholdForm(forms.Form):
    approval_threshold = forms.IntegerField(
        label=gettext_lazy("发给超过多少位居民时需书记审批"), min_value=0, max_value=100000
    )
