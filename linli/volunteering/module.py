"""volunteering's declaration: codes, grants, menu entries and the demo's volunteers, teams,
projects and duties."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.people.permissions import VIEW_PEOPLE
from linli.tenancy.permissions import Role
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope


def _seed(ctx) -> None:
    from django.contrib.auth import get_user_model

    from linli.volunteering import demo

    secretary = get_user_model().objects.get(username=f"{ctx.community.code}.secretary")
    records = demo.seed(ctx.community, rng=ctx.rng, staff_user=secretary)
    if records:
        ctx.say(f"{ctx.community.name}: volunteers, teams, projects, {records} service records")


def _sees(scope, community_id) -> bool:
    return modules.holds(scope, community_id, VIEW_VOLUNTEERS)


def _me_shown(scope, community_id) -> bool:
    """我的志愿服务: volunteers, and residents (who may join) where they do not see the volunteers."""
    if volunteer_scope(scope).volunteer_ids:
        return True
    return bool(
        community_id and not _sees(scope, community_id) and Role.RESIDENT in scope.roles.get(community_id, set())
    )


MODULE = modules.register(
    modules.Module(
        label="volunteering",
        verbose_name=_("志愿服务"),
        permissions=(
            modules.Permission(VIEW_VOLUNTEERS, _("查看志愿者、服务队、时长和项目")),
            modules.Permission(MANAGE_VOLUNTEERS, _("审核时长、发布项目、邀请志愿者、时间银行")),
        ),
        grants=modules.grants_by_code(
            {
                VIEW_VOLUNTEERS: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER, Role.PARTY_SECRETARY},
                MANAGE_VOLUNTEERS: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry("volunteering:home", _("志愿服务"), "bi-heart", 70, _sees),
            modules.MenuEntry("volunteering:project_list", _("项目库"), "bi-journal-check", 71, _sees),
            modules.MenuEntry(
                "volunteering:talents", _("人才库"), "bi-stars", 72, lambda s, c: modules.holds(s, c, VIEW_PEOPLE)
            ),
            modules.MenuEntry("volunteering:me", _("我的志愿服务"), "bi-heart-fill", 73, _me_shown),
        ),
        seed=_seed,
        seed_after=("party",),
        periodic=(modules.command_job("recompute_volunteer_totals", daily=True),),
        walk="linli.volunteering.tests.walk",
    )
)
