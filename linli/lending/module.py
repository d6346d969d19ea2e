"""lending's declaration: the desk's code, menu entries, the resident's 我的借阅, the demo's reading
room and 百宝屋, and the street overview's loans column."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.lending.figures import FIGURES
from linli.lending.permissions import MANAGE_LENDING
from linli.people.scope import people_scope
from linli.tenancy.permissions import Role


def _seed(ctx) -> None:
    from linli.lending import demo

    made = demo.seed(ctx.community, rng=ctx.rng, scale=ctx.scale)
    if made:
        ctx.say(f"{ctx.community.name}: reading room, {made['titles']} titles, {made['loans']} loans")


def _samples(ctx) -> None:
    from linli.lending.samples import write_samples

    write_samples(ctx)


def _reader_names(ids: set[int]) -> dict[int, str]:
    from linli.lending.selectors import reader_names

    return reader_names(ids)


def _manages(scope, community_id) -> bool:
    return modules.holds(scope, community_id, MANAGE_LENDING)


def _reads(scope, community_id) -> bool:
    """我的借阅: residents of the community (their own loans and holds)."""
    return bool(
        community_id and Role.RESIDENT in scope.roles.get(community_id, set()) and not _manages(scope, community_id)
    )


def _figures_shown(scope, community_id) -> bool:
    return _manages(scope, community_id) or bool(scope.supervised_community_ids)


def _my_card(request, scope, community):
    from linli.lending.selectors import my_loans

    if not _reads(scope, community.pk) or not people_scope(scope).resident_ids:
        return None
    mine = my_loans(actor=request.user, community_id=community.pk)
    return mine if mine["loans"] or mine["holds"] else None


def _report_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    from linli.lending.selectors import street_counts

    return street_counts(community_ids)


def _own_data(resident) -> list[dict]:
    from linli.lending.selectors import own_data

    return own_data(resident)


MODULE = modules.register(
    modules.Module(
        label="lending",
        verbose_name=_("图书借阅"),
        permissions=(modules.Permission(MANAGE_LENDING, _("办理借还、维护书目和百宝屋物品")),),
        grants=modules.grants_by_code({MANAGE_LENDING: {Role.SECRETARY, Role.WORKER}}),
        menu=(
            modules.MenuEntry("lending:desk", _("借还书"), "bi-upc-scan", 80, _manages),
            modules.MenuEntry("lending:titles", _("书目与百宝屋"), "bi-book", 81, _manages),
            modules.MenuEntry("lending:figures", _("借阅统计"), "bi-bar-chart", 82, _figures_shown),
            modules.MenuEntry("lending:me", _("我的借阅"), "bi-book-half", 83, _reads),
        ),
        home_cards=(modules.HomeCard("lending/cards/mine.html", 17, _my_card),),
        seed=_seed,
        seed_after=("people",),
        seed_global=_samples,
        own_data=_own_data,
        report_figures=(modules.ReportFigure("lending_loans", _("今年借阅"), 80),),
        report_counts=_report_counts,
        periodic=(modules.command_job("expire_lending_holds", daily=True),),
        figures=FIGURES,
        walk="linli.lending.tests.walk",
        person_names={"reader": _reader_names},
        event_kinds={
            "title_created": _("登记了书目"),
            "title_edited": _("修改了书目"),
            "copy_added": _("添加了复本"),
            "copy_marked": _("改了复本状态"),
            "loan_lent": _("借出"),
            "loan_returned": _("归还"),
            "loan_renewed": _("续借"),
            "loan_lost": _("登记遗失"),
            "hold_placed": _("预约排队"),
            "hold_ready": _("预约到书，已通知读者"),
            "hold_fulfilled": _("预约已借走"),
            "hold_cancelled": _("取消了预约"),
            "hold_expired": _("预约过期未取"),
            "told_hold_ready": _("通知读者：预约的书到了"),
            "told_overdue": _("提醒读者：借阅已逾期"),
        },
        message_kinds=(
            modules.MessageKind(
                code="lending_hold_ready",
                label=_("预约到书"),
                title=_("预约的书到了：{title}"),
                body=_("您预约的《{title}》已到，请在{until}前到阅览室借阅。"),
            ),
            modules.MessageKind(
                code="lending_overdue",
                label=_("借阅逾期"),
                title=_("借阅逾期提醒：{title}"),
                body=_("您借的《{title}》已逾期，请尽快归还或到阅览室续借。"),
            ),
        ),  # fmt: skip
    )
)
