"""The status badges of a case, drawn in Python: the inbox shows 25 of them per page, and an
included template per row cost more than the rest of the row."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

STATUS_CLASS = {
    "submitted": "text-bg-warning",
    "resolved": "text-bg-info",
    "closed": "text-bg-success",
    "rejected": "text-bg-secondary",
    "merged": "text-bg-secondary",
}


@register.simple_tag
def case_badges(case):
    badges = [(STATUS_CLASS.get(case.status, "text-bg-primary"), case.get_status_display())]
    if case.is_overdue:
        badges.append(("text-bg-danger", _("超期")))
    if case.urgency != "normal":
        badges.append(
            ("text-bg-danger-subtle text-danger-emphasis border border-danger-subtle", case.get_urgency_display())
        )
    if case.joint:
        badges.append(("text-bg-light border", _("三方联动")))
    if case.supervision_count:
        badges.append(("text-bg-danger", _("督办 ×%(n)d") % {"n": case.supervision_count}))
    if case.urge_count:
        badges.append(("text-bg-warning", _("催办 ×%(n)d") % {"n": case.urge_count}))
    if case.extension_due_at:
        badges.append(("text-bg-light border border-warning", _("申请延期待审批")))
    return format_html_join(" ", '<span class="badge {}">{}</span>', badges)


@register.simple_tag
def person(user, fallback=""):
    """A user's display name, or the fallback when there is none (a step the system took)."""
    if user is None:
        return fallback
    return format_html("{}", user.get_full_name() or user.username)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%m-%d %H:%M") if value else ""


@register.simple_tag
def case_row(case, selectable=False):
    """One row of the inbox (the list renders 25 of these on every visit; see case_badges)."""
    place = ""
    if case.compound_id:
        place = f" · {case.compound.name}" + (f" {case.building.name}" if case.building_id else "")
    handler = case.handler_org.name if case.handler_org_id else _("社区")
    if case.assignee_id:
        handler += f" · {case.assignee.get_full_name() or case.assignee.username}"
    due_label = _("期限")  # not inside the f-string: makemessages would not see it there
    due = f" · {due_label} {_when(case.due_at)}" if case.due_at and case.is_live else ""
    checkbox = (
        format_html(
            '<input class="form-check-input mt-1" type="checkbox" name="case" value="{}" aria-label="{} {}">',
            case.pk, _("选择"), case.number,
        )
        if selectable
        else ""
    )  # fmt: skip
    return format_html(
        '<div class="list-group-item d-flex gap-2 align-items-start">{}<div class="flex-grow-1 min-w-0">'
        '<div class="d-flex justify-content-between gap-2 flex-wrap">'
        '<a class="fw-semibold text-decoration-none" href="{}">{}</a><span>{}</span></div>'
        '<div class="small text-secondary">{} · {} · {}{}</div>'
        '<div class="small text-secondary">{}：{}{} · {} {}</div></div></div>',
        checkbox, reverse("cases:case_detail", args=[case.pk]), case.title, case_badges(case),
        case.number, case.category.name, case.get_channel_display(), place,
        _("承办"), handler, due, _("更新"), _when(case.updated_at),
    )  # fmt: skip
