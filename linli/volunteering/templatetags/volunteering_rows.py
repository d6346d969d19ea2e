"""The rows of the hours to verify, drawn in Python: the page shows 50 records twice (a phone list
and a table), each with a reject form, and the template language cost five times the bare page for
them (docs/PERFORMANCE.md, issue 14). Labels are translated and URLs reversed once per page."""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_PK = 2_147_483_647  # reversed once, replaced per row


def _url(pattern: str, pk: int) -> str:
    return pattern.replace(str(_PK), str(pk))


class _Page:
    """What every row shares: the translated labels, the URL patterns and the reject form's parts."""

    def __init__(self, request, can_reject: bool):
        self.can_reject = can_reject
        self.detail = reverse("volunteering:volunteer_detail", args=[_PK])
        self.reject = reverse("volunteering:record_reject", args=[_PK])
        self.csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        self.reject_label = _("退回")
        self.reason_placeholder = _("原因，如：当天没有这项活动")
        self.reason_label = _("退回原因")

    def reject_form(self, pk: int, details: str = "") -> SafeString:
        if not self.can_reject:
            return mark_safe("")
        return format_html(
            '<details{}><summary class="small text-danger">{}</summary><form method="post" action="{}" '
            'class="d-flex gap-1 mt-1">{}<input name="reason" required maxlength="200" '
            'class="form-control form-control-sm" placeholder="{}" aria-label="{}">'
            '<button class="btn btn-sm btn-outline-danger text-nowrap">{}</button></form></details>',
            details, self.reject_label, _url(self.reject, pk), self.csrf, self.reason_placeholder,
            self.reason_label, self.reject_label,
        )  # fmt: skip

    def checkbox(self, r, css: str) -> SafeString:
        if not self.can_reject:
            return mark_safe("")
        return format_html(
            '<input class="form-check-input{}" type="checkbox" name="records" value="{}" form="verify-form" '
            'aria-label="{} {}">',
            css, r.pk, r.volunteer.name, r.title,
        )  # fmt: skip


def _times(r) -> tuple[str, str, str, str]:
    start, end = timezone.localtime(r.started_at), timezone.localtime(r.ended_at)
    return start.strftime("%Y-%m-%d"), start.strftime("%m-%d"), start.strftime("%H:%M"), end.strftime("%H:%M")


def _place(r) -> SafeString:
    return format_html(' <span class="small text-secondary">· {}</span>', r.place) if r.place else mark_safe("")


def _reason(r) -> SafeString:
    return format_html('<div class="small text-danger">{}</div>', r.reject_reason) if r.reject_reason else mark_safe("")


@register.simple_tag(takes_context=True)
def record_cards(context, records, can_reject):
    """The phone's list (shown below the md breakpoint)."""
    page = _Page(context["request"], can_reject)
    items = []
    for r in records:
        _day, short_day, start, end = _times(r)
        team = f" · {r.team.name}" if r.team_id else ""
        items.append(
            format_html(
                '<div class="list-group-item"><div class="d-flex gap-2">{}<div class="flex-grow-1">'
                '<div class="d-flex justify-content-between"><a href="{}" class="fw-semibold">{}</a>'
                "<span>{}</span></div><div>{}{}</div>"
                '<div class="small text-secondary">{} {}–{} · {}{}</div>{}{}</div></div></div>',
                page.checkbox(r, " mt-1 flex-shrink-0"),
                _url(page.detail, r.volunteer_id),
                r.volunteer.name,
                _("%(h)s 小时") % {"h": formats.localize(r.hours)},
                r.title,
                _place(r),
                short_day,
                start,
                end,
                r.get_source_display(),
                team,
                _reason(r),
                page.reject_form(r.pk, mark_safe(' class="mt-1"')),
            )  # fmt: skip
        )
    return format_html_join("", "{}", ((item,) for item in items))


@register.simple_tag(takes_context=True)
def record_table_rows(context, records, can_reject):
    """The desk's table body (md and wider)."""
    page = _Page(context["request"], can_reject)
    rows = []
    for r in records:
        day, _short, start, end = _times(r)
        team = format_html(' <span class="badge text-bg-light border">{}</span>', r.team.name) if r.team_id else ""
        checkbox = format_html("<td>{}</td>", page.checkbox(r, "")) if can_reject else ""
        reject = format_html("<td>{}</td>", page.reject_form(r.pk)) if can_reject else ""
        rows.append(
            format_html(
                '<tr>{}<td><a href="{}">{}</a></td><td>{}{}{}{}</td><td class="small text-nowrap">{} {}–{}</td>'
                '<td class="text-end">{}</td><td class="small">{}<br><span class="text-secondary">{}</span></td>'
                "{}</tr>",
                checkbox,
                _url(page.detail, r.volunteer_id),
                r.volunteer.name,
                r.title,
                _place(r),
                team,
                _reason(r),
                day,
                start,
                end,
                formats.localize(r.hours),
                r.get_source_display(),
                timezone.localtime(r.logged_at).strftime("%m-%d %H:%M") if r.logged_at else "",
                reject,
            )  # fmt: skip
        )
    return format_html_join("", "{}", ((row,) for row in rows))
