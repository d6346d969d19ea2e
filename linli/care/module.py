"""care's declaration: codes, grants, menu entries, home cards, the missed-contact sweep, the
street's figures and the demo's visits and care plans."""

from django.utils.translation import gettext_lazy as _

from linli.care.figures import FIGURES
from linli.care.permissions import MANAGE_CARE, RECORD_VISITS, VIEW_HEALTH_NOTES, VIEW_VISITS
from linli.core import modules
from linli.tenancy.permissions import Role


def _seed(ctx) -> None:
    from linli.care import demo

    visits = demo.seed(ctx.community, rng=ctx.rng)
    if visits:
        ctx.say(f"{ctx.community.name}: {visits} household visits, care plans")


def _sees(scope, community_id) -> bool:
    return modules.holds(scope, community_id, VIEW_VISITS)


def _records(scope, community_id) -> bool:
    return modules.holds(scope, community_id, RECORD_VISITS)


def _visits_card(request, scope, community):
    """A grid worker's (and the staff's) households due and overdue this cycle."""
    from linli.care.selectors import home_counts

    if not _records(scope, community.pk):
        return None
    return home_counts(scope=scope, community_id=community.pk)


def _escalations_card(request, scope, community):
    from linli.care.selectors import escalation_list

    if not _sees(scope, community.pk):
        return None
    rows = list(escalation_list(scope=scope, community_id=community.pk)[:6])
    return {"rows": rows} if rows else None


def _report_counts(community_ids):
    from linli.care.selectors import report_counts

    return report_counts(community_ids)


MODULE = modules.register(
    modules.Module(
        label="care",
        verbose_name=_("走访关爱"),
        permissions=(
            modules.Permission(VIEW_VISITS, _("查看入户走访、走访覆盖和关爱计划")),
            modules.Permission(RECORD_VISITS, _("登记入户走访和关爱联系")),
            modules.Permission(MANAGE_CARE, _("设置走访计划、建立关爱计划")),
            modules.Permission(VIEW_HEALTH_NOTES, _("查看关爱对象的健康情况")),
        ),
        grants=modules.grants_by_code(
            {
                VIEW_VISITS: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                RECORD_VISITS: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                MANAGE_CARE: {Role.SECRETARY, Role.WORKER},
                VIEW_HEALTH_NOTES: {Role.SECRETARY},
            }
        ),
        menu=(
            modules.MenuEntry("care:visit_start", _("入户走访"), "bi-door-open", 45, _records),
            modules.MenuEntry("care:coverage", _("走访覆盖"), "bi-clipboard-check", 46, _sees),
            modules.MenuEntry("care:plan_list", _("关爱对象"), "bi-heart-pulse", 47, _sees),
        ),
        home_cards=(
            modules.HomeCard("care/cards/escalations.html", 12, _escalations_card),
            modules.HomeCard("care/cards/visits.html", 13, _visits_card),
        ),
        seed=_seed,
        seed_after=("volunteering", "cases"),
        report_figures=(
            modules.ReportFigure("care_visits", _("本月走访"), 60),
            modules.ReportFigure("care_open", _("待处理关爱提醒"), 61, group="care"),
        ),
        report_counts=_report_counts,
        periodic=(modules.command_job("sweep_care_contacts"),),
        message_kinds=(
            modules.MessageKind(
                "care_missed_contact",
                _("关爱对象未联系上"),
                _("关爱提醒"),
                _("有 {count} 位关爱对象到期未联系或联系不上，请尽快跟进。"),
                sms_params=("count",),
            ),
        ),
        figures=FIGURES,
        walk="linli.care.tests.walk",
        offline_stores=(modules.OfflineStore("linli-care", "visits", "care:visit_start"),),  # queue.js's
        event_kinds={
            "visit_recorded": _("登记了入户走访"),
            "proposal_applied": _("确认并更新了登记信息"),
            "proposal_dismissed": _("放弃了登记变更"),
            "plan_created": _("建立了关爱计划"),
            "plan_updated": _("修改了关爱计划"),
            "plan_closed": _("结束了关爱计划"),
            "contact_logged": _("联系上了"),
            "contact_missed": _("没有联系上"),
            "escalation_resolved": _("处理了未联系提醒"),
            "schedule_added": _("添加了联系安排"),
            "schedule_changed": _("修改了联系安排"),
            "schedule_stopped": _("停止了联系安排"),
            "volunteer_hours": _("登记了志愿者电话时长（分钟）"),
        },
    )
)
