"""cases' declaration: codes, grants, menu entries, the home card and the demo's year of cases."""

from django.utils.translation import gettext_lazy as _

from linli.cases import permissions as p
from linli.cases.figures import FIGURES
from linli.core import modules
from linli.tenancy.permissions import Role


def _boxes_card(request, scope, community):
    from linli.cases.selectors import box_counts, unread_notices

    if not scope.has(p.HANDLE_CASES, community.pk):
        return None
    return {
        "case_counts": box_counts(actor=request.user, community_id=community.pk),
        "unread": unread_notices(request.user, community.pk).count(),
    }


def _mine_card(request, scope, community):
    """Whoever files needs but does not handle them (a resident, a building head): 我要反映 and his
    own cases on the home, the one waiting for his confirmation first."""
    from linli.cases.models import LIVE_STATUSES, Status
    from linli.cases.selectors_pages import own_cases

    if scope.has(p.HANDLE_CASES, community.pk) or not scope.has(p.FILE_CASE, community.pk):
        return None
    mine = own_cases(request.user, scope, community.pk, limit=20)
    waiting = [c for c in mine if c.status == Status.RESOLVED]
    live = [c for c in mine if c.status in LIVE_STATUSES and c.status != Status.RESOLVED]
    return {"my_waiting": waiting, "my_live": live[:3], "my_live_count": len(live)}


def _supervises(scope) -> bool:
    from linli.cases.scope import cases_scope

    return bool(scope.supervised_community_ids) and bool(cases_scope(scope).supervise_community_ids)


def _seed(ctx) -> None:
    from linli.cases import demo, suggest

    written = demo.seed(ctx.community, rng=ctx.rng)
    if written:
        model = suggest.train(ctx.community.pk)
        accuracy = f", suggestion accuracy {model.accuracy:.0%}" if model and model.accuracy else ""
        ctx.say(f"{ctx.community.name}: {written} cases of the past year{accuracy}")


EVERY_ROLE_IN_A_COMMUNITY = {
    Role.SECRETARY, Role.WORKER, Role.GRID_WORKER, Role.BUILDING_HEAD, Role.PROPERTY, Role.HOA,
    Role.PARTY_SECRETARY, Role.PARTY_MEMBER, Role.VOLUNTEER, Role.RESIDENT,
}  # fmt: skip

MODULE = modules.register(
    modules.Module(
        label="cases",
        verbose_name=_("民情诉求"),
        permissions=(
            modules.Permission(p.FILE_CASE, _("反映诉求")),
            modules.Permission(p.HANDLE_CASES, _("受理、分派、办结本社区的诉求")),
            modules.Permission(p.WORK_CASES, _("办理分派给本单位的诉求")),
            modules.Permission(p.MANAGE_CASE_SETTINGS, _("诉求分类、分派规则、时限、Open311密钥")),
            modules.Permission(p.URGE_CASES, _("催办本社区的诉求")),
            modules.Permission(p.SUPERVISE_CASES, _("督办所辖社区的诉求（街道）")),
            modules.Permission(p.APPROVE_EXTENSIONS, _("审批承办单位的延期申请")),
        ),
        grants=modules.grants_by_code(
            {
                p.FILE_CASE: EVERY_ROLE_IN_A_COMMUNITY,
                p.HANDLE_CASES: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                p.WORK_CASES: {Role.PROPERTY, Role.HOA, Role.PARTY_SECRETARY},
                p.MANAGE_CASE_SETTINGS: {Role.SECRETARY},
                p.URGE_CASES: {Role.SECRETARY},
                p.SUPERVISE_CASES: {Role.SUPERVISOR},
                p.APPROVE_EXTENSIONS: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry(
                "cases:inbox",
                _("民情诉求"),
                "bi-chat-square-text",
                40,
                lambda s, c: modules.holds(s, c, p.HANDLE_CASES, p.WORK_CASES),
            ),
            modules.MenuEntry(
                "cases:my_cases",
                _("我要反映"),
                "bi-chat-square-text",
                41,
                lambda s, c: modules.holds(s, c, p.FILE_CASE) and not modules.holds(s, c, p.HANDLE_CASES, p.WORK_CASES),
            ),
            modules.MenuEntry(
                "cases:notices",
                _("提醒"),
                "bi-bell",
                55,
                lambda s, c: modules.holds(s, c, p.HANDLE_CASES, p.WORK_CASES, p.FILE_CASE),
            ),
            modules.MenuEntry(
                "cases:supervision",
                _("诉求督办"),
                "bi-flag",
                42,
                lambda s, c: _supervises(s),
            ),
            modules.MenuEntry(
                "cases:category_list",
                _("诉求设置"),
                "bi-sliders",
                80,
                lambda s, c: modules.holds(s, c, p.MANAGE_CASE_SETTINGS),
            ),
        ),  # fmt: skip
        home_cards=(
            modules.HomeCard("cases/cards/mine.html", 12, _mine_card),
            modules.HomeCard("cases/cards/boxes.html", 30, _boxes_card),
        ),
        seed=_seed,
        seed_after=("volunteering",),
        periodic=(
            modules.command_job("sweep_case_deadlines"),
            modules.command_job("train_case_model", daily=True),
        ),
        figures=FIGURES,
        walk="linli.cases.tests.walk",
        event_kinds={
            "open311_key_created": _("签发了Open311密钥"),
            "open311_key_revoked": _("停用了Open311密钥"),
        },
    )
)
