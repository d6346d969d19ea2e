"""What the volunteering models share: star levels, the kinds of service and who sees staff rows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope
from linli.volunteering.permissions import VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope

# Star levels by verified hours (一星 100 h … 五星 1,500 h).
STAR_HOURS = (100, 300, 600, 1000, 1500)


def star_for(minutes: int) -> int:
    return sum(1 for hours in STAR_HOURS if minutes >= hours * 60)


def staff_q(scope: Scope, prefix: str = "") -> Q:
    ids = [c for c, perms in scope.perms.items() if VIEW_VOLUNTEERS in perms]
    return Q(**{f"{prefix}community_id__in": ids})


def _members_q(scope: Scope) -> Q:
    """Rows of the communities the user works or serves in (the project library, duties, rewards)."""
    return staff_q(scope) | Q(community_id__in=scope.community_ids | volunteer_scope(scope).volunteer_community_ids)


class ServiceKind(models.TextChoices):
    POLICY = "policy", _("政策宣传")
    ENVIRONMENT = "environment", _("环境整治")
    CIVILITY = "civility", _("文明劝导")
    CARE = "care", _("关爱帮扶")
    CULTURE = "culture", _("文体活动")
    CONVENIENCE = "convenience", _("便民服务")
    MEDIATION = "mediation", _("矛盾调解")
    PATROL = "patrol", _("平安巡逻")
    TUTORING = "tutoring", _("助学辅导")
    HEALTH = "health", _("医疗健康")
