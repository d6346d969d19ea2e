"""What every college service shares: its error and the staff check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from linli.college.permissions import MANAGE_COLLEGE
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class CollegeError(DomainError):
    pass


def require_manage(actor: User, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_COLLEGE, community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以管理社区学院。"))
