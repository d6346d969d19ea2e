"""Helpers for management commands that act on a community's behalf."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from linli.tenancy.models import Community, Membership
from linli.tenancy.permissions import Role


def community_by_code(code: str) -> Community:
    community = Community.objects.filter(code=code).first()
    if community is None:
        raise CommandError(f"没有代码为 {code} 的社区。")
    return community


def acting_user(community: Community, username: str | None):
    """The account a command records as actor: the one named, else the community's secretary, else
    the first superuser."""
    users = get_user_model().objects
    if username:
        user = users.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有账号 {username}。")
        return user
    membership = (
        Membership.objects.filter(community=community, role=Role.SECRETARY, is_active=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    user = membership.user if membership else users.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError("请用 --user 指定操作人（本社区没有书记账号，也没有超级管理员）。")
    return user
