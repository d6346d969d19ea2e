"""The rows of the in-service members' report-ins, drawn in Python: up to 50 per page, each with its
forms, cost four times the bare page in the template language (docs/PERFORMANCE.md, issue 14).
Labels are translated and URLs reversed once per page."""

from urllib.parse import quote

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_PK = 2_147_483_647  # reversed once, replaced per row


class _Page:
    def __init__(self, request, status: str, can_manage: bool):
        self.status, self.can_manage = status, can_manage
        self.volunteer = reverse("volunteering:volunteer_detail", args=[_PK])
        self.action = {a: reverse("party:report_in_action", args=[_PK, a]) for a in ("confirm", "decline", "end")}
        self.csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        self.labels = {
            "confirm": _("确认报到"), "decline": _("退回"), "reason": _("原因"), "reason_label": _("退回原因"),
            "end": _("结束报到"), "end_confirm": _("确认结束报到？服务记录会保留。"),
        }  # fmt: skip

    def url(self, pattern: str, pk: int) -> str:
        return pattern.replace(str(_PK), str(pk))

    def actions(self, r) -> SafeString:
        if not self.can_manage:
            return mark_safe("")
        labels = self.labels
        if r.status == "pending":
            return format_html(
                '<div class="d-flex gap-1 flex-wrap"><form method="post" action="{}">{}'
                '<button class="btn btn-sm btn-success">{}</button></form>\n<details><summary class="small '
                'text-danger">{}</summary><form method="post" action="{}" class="d-flex gap-1 mt-1">{}<input '
                'name="reason" required maxlength="200" class="form-control form-control-sm" placeholder="{}" '
                'aria-label="{}"><button class="btn btn-sm btn-outline-danger">{}</button></form></details></div>',
                self.url(self.action["confirm"], r.pk), self.csrf, labels["confirm"], labels["decline"],
                self.url(self.action["decline"], r.pk), self.csrf, labels["reason"], labels["reason_label"],
                labels["decline"],
            )  # fmt: skip
        if r.status == "confirmed":
            return format_html(
                '<form method="post" action="{}">{}<button class="btn btn-sm btn-link p-0" data-confirm="{}">{}'
                "</button></form>",
                self.url(self.action["end"], r.pk), self.csrf, labels["end_confirm"], labels["end"],
            )  # fmt: skip
        return mark_safe("")


def _progress(c) -> SafeString:
    r = c["row"]
    bar = "bg-success" if c["share"] >= 100 else ""
    text = _("%(h)s/%(t)s 小时 · %(n)s 次") % {
        "h": formats.localize(c["hours"]), "t": formats.localize(r.commitment_hours), "n": c["count"],
    }  # fmt: skip
    return format_html(
        '<td><div class="progress" role="progressbar" aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100" '
        'style="height: .6rem"><div class="progress-bar {}" style="width: {}%"></div></div><div class="small">{}'
        "</div></td>",
        c["share"], bar, c["share"], text,
    )  # fmt: skip


@register.simple_tag(takes_context=True)
def report_in_rows(context, rows, status, can_manage):
    page = _Page(context["request"], status, can_manage)
    out = []
    for c in rows:
        r = c["row"]
        name = (
            format_html('<a href="{}">{}</a>', page.url(page.volunteer, r.volunteer_id), r.name)
            if r.volunteer_id
            else format_html("{}", r.name)
        )
        submitted = timezone.localtime(r.submitted_at).strftime("%Y-%m-%d") if r.submitted_at else ""
        compound = format_html(" · {}", r.compound.name) if r.compound_id else ""
        out.append(
            format_html(
                '<tr><td>{}<div class="small text-secondary">{}{}</div></td>\n<td><a href="?status={}&workplace={}">'
                '{}</a><div class="small text-secondary">{}</div></td><td class="small d-none d-md-table-cell">{}</td>'
                "\n{}\n<td>{}</td></tr>",
                name,
                submitted,
                compound,
                status,
                quote(r.workplace or "", safe="/"),
                r.workplace,
                r.own_org,
                "、".join(r.skills or []) or "—",
                _progress(c) if status == "confirmed" else "",
                page.actions(r),
            )  # fmt: skip
        )
    return format_html_join("", "{}", ((row,) for row in out))
