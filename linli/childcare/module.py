"""childcare's declaration (小灯塔暑期托管班): codes, grants, menu, the engine's owner kind, the
demo's class of 40 children, the events of a programme's timeline."""

from django.utils.translation import gettext_lazy as _

from linli.childcare.permissions import MANAGE_CHILDCARE, RUN_CHILDCARE, VIEW_CHILDCARE, may_view
from linli.core import modules
from linli.participation.owners import register_owner
from linli.tenancy.permissions import Role


def _may_run(scope, offering) -> bool:
    """The engine asks before staff register a child on a parent's behalf or change a place."""
    return scope.has(MANAGE_CHILDCARE, offering.community_id)


register_owner("childcare.programme", _may_run)


def _parent(scope, community_id) -> bool:
    """Residents see the parents' page (it lists the children of the households they head)."""
    return bool(community_id) and Role.RESIDENT in scope.roles.get(community_id, set())


def _seed(ctx) -> None:
    from linli.childcare import demo

    made = demo.seed(ctx.community, rng=ctx.rng)
    if made:
        ctx.say(f"{ctx.community.name}: a summer day-care class of {made} children with attendance")


MODULE = modules.register(
    modules.Module(
        label="childcare",
        verbose_name=_("暑期托管班"),
        permissions=(
            modules.Permission(VIEW_CHILDCARE, _("查看托管班、托管儿童、接送人（电话遮挡）和考勤")),
            modules.Permission(RUN_CHILDCARE, _("托管班签到、核对接送、登记接送人")),
            modules.Permission(MANAGE_CHILDCARE, _("开设托管班，代家长报名，退出托管")),
        ),
        grants=modules.grants_by_code(
            {
                VIEW_CHILDCARE: {Role.SECRETARY, Role.WORKER},
                RUN_CHILDCARE: {Role.SECRETARY, Role.WORKER},
                MANAGE_CHILDCARE: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry("childcare:home", _("暑期托管班"), "bi-lightbulb", 57, may_view),
            modules.MenuEntry("childcare:mine", _("孩子托管"), "bi-balloon", 84, _parent),
        ),
        event_kinds={
            "programme_created": _("开设了托管班"),
            "child_applied": _("报名了托管班"),
            "child_withdrawn": _("退出了托管班"),
            "child_arrived": _("孩子签到"),
            "child_picked_up": _("孩子被接走"),
            "pickup_refused": _("拒绝了未授权的接送"),
            "pickup_person_added": _("登记了接送人"),
            "pickup_person_removed": _("取消了接送人"),
            "programme_changed": _("修改了托管班"),
            "pickup_code_renewed": _("更换了接送码"),
        },
        seed=_seed,
        seed_after=("people",),
        walk="linli.childcare.tests.walk",
    )
)
