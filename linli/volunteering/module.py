"""volunteering's declaration: codes, grants, menu entries and the demo's volunteers, teams,
projects and duties."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.people.permissions import VIEW_PEOPLE
from linli.tenancy.permissions import Role
from linli.volunteering.figures import FIGURES
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope


def _seed(ctx) -> None:
    from django.contrib.auth import get_user_model

    from linli.volunteering import demo

    secretary = get_user_model().objects.get(username=f"{ctx.community.code}.secretary")
    records = demo.seed(ctx.community, rng=ctx.rng, staff_user=secretary)
    if records:
        ctx.say(f"{ctx.community.name}: volunteers, teams, projects, {records} service records")


def _samples(ctx) -> None:
    from linli.volunteering.samples import write_samples

    write_samples(ctx)


def _volunteer_names(ids: set[int]) -> dict[int, str]:
    from linli.volunteering.selectors import volunteer_names

    return volunteer_names(ids)


def _sees(scope, community_id) -> bool:
    return modules.holds(scope, community_id, VIEW_VOLUNTEERS)


def _me_card(request, scope, community):
    """The home of a volunteer who is not staff: his hours and what to do next."""
    from linli.volunteering.selectors import my_registrations, person_totals

    if _sees(scope, community.pk) or not volunteer_scope(scope).volunteer_ids:
        return None
    volunteer = next((v for v in my_registrations(request.user) if v.community_id == community.pk), None)
    if volunteer is None:
        return None
    return {
        "volunteer": volunteer,
        "totals": person_totals(volunteer),
        "leads": bool(volunteer_scope(scope).led_team_ids),
    }


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
        home_cards=(modules.HomeCard("volunteering/cards/me.html", 16, _me_card),),
        seed=_seed,
        seed_after=("party",),
        seed_global=_samples,
        periodic=(modules.command_job("recompute_volunteer_totals", daily=True),),
        figures=FIGURES,
        walk="linli.volunteering.tests.walk",
        person_names={"volunteer": _volunteer_names},
        event_kinds={
            "volunteer_registered": _("登记为志愿者"),
            "volunteer_updated": _("修改了志愿者信息"),
            "volunteer_joined": _("本人报名成为志愿者"),
            "volunteer_enlisted": _("在职党员报到确认，作为志愿者服务"),
            "volunteer_left": _("办理了退出"),
            "volunteer_moved_out": _("转往其他社区"),
            "volunteer_moved_in": _("由其他社区转入"),
            "record_logged": _("登记了服务时长（待核实）"),
            "record_logged_verified": _("登记了服务时长（已核实）"),
            "record_verified": _("核实了服务时长"),
            "record_rejected": _("退回了服务记录"),
            "team_created": _("建立了队伍"),
            "team_updated": _("修改了队伍信息"),
            "team_member_added": _("加入了队员"),
            "team_member_removed": _("移出了队员"),
            "points_spent": _("兑换了积分"),
            "bank_rate_changed": _("修改了每小时积分"),
            "reward_created": _("添加了兑换项目"),
            "reward_updated": _("修改了兑换项目"),
            "project_posted": _("发布了项目"),
            "project_updated": _("修改了项目"),
            "project_claimed": _("认领了项目"),
            "claim_withdrawn": _("退出了认领"),
            "claim_reported": _("上报了进展"),
            "project_evaluated": _("评价并结项"),
            "project_closed": _("撤下了项目"),
            "duty_posted": _("发布了岗位"),
            "duty_updated": _("修改了岗位"),
            "duty_signed_up": _("报名了岗位"),
            "duty_signup_cancelled": _("取消了报名"),
            "duty_checked_in": _("签到"),
            "duty_checked_out": _("签退"),
            "invited": _("收到邀请"),
            "invitation_accepted": _("接受了邀请"),
            "invitation_declined": _("婉拒了邀请"),
        },
    )
)
