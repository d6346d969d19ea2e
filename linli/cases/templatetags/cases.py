"""The status badges of a case, drawn in Python: the inbox shows 25 of them per page, and an
included template per row cost more than the rest of the row."""

from django import template
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
    return format_html_join(" ", '<span class="badge {}">{}</span>', badges)


@register.simple_tag
def person(user, fallback=""):
    """A user's display name, or the fallback when there is none (a step the system took)."""
    if user is None:
        return fallback
    return format_html("{}", user.get_full_name() or user.username)
