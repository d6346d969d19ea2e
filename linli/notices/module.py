"""notices' declaration: who writes, approves and manages notices, the staff's and the residents'
menu entries and home cards, the messages it sends, the round that publishes scheduled notices,
the demo's year of notices in both communities."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.core.modules import MessageKind
from linli.notices.permissions import APPROVE_NOTICES, MANAGE_NOTICES, POST_NOTICES
from linli.people.scope import people_scope
from linli.tenancy.permissions import Role


def _posts(scope, community_id) -> bool:
    return modules.holds(scope, community_id, POST_NOTICES)


def _reads(scope, community_id) -> bool:
    """社区通知: residents of the community (the notices that reached their record)."""
    return bool(community_id and Role.RESIDENT in scope.roles.get(community_id, set()))


def _my_card(request, scope, community):
    if not _reads(scope, community.pk) or not people_scope(scope).resident_ids:
        return None
    from linli.notices.selectors import my_unread

    mine = my_unread(actor=request.user)
    return mine if mine["latest"] else None


def _pending_card(request, scope, community):
    if not scope.has(APPROVE_NOTICES, community.pk):
        return None
    from linli.notices.selectors import pending_count

    pending = pending_count(actor=request.user, community_id=community.pk)
    return {"pending": pending} if pending else None


def _publish_due() -> None:
    from linli.notices.services import publish_due

    publish_due()


def _seed(ctx) -> None:
    from linli.notices.demo import seed

    made = seed(ctx)
    if made:
        ctx.say(f"{ctx.community.name}: {made} notices")


MODULE = modules.register(
    modules.Module(
        label="notices",
        verbose_name=_("通知公告"),
        permissions=(
            modules.Permission(POST_NOTICES, _("发通知公告（社区工作人员：全社区；网格员、楼长：自己的网格或楼栋）")),
            modules.Permission(APPROVE_NOTICES, _("审批发给较多居民的通知，设定需审批的人数")),
            modules.Permission(MANAGE_NOTICES, _("查看社区所有通知及其阅读情况")),
        ),
        grants=modules.grants_by_code(
            {
                POST_NOTICES: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER, Role.BUILDING_HEAD},
                APPROVE_NOTICES: {Role.SECRETARY},
                MANAGE_NOTICES: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry("notices:list", _("通知公告"), "bi-megaphone", 20, _posts),
            modules.MenuEntry("notices:mine", _("社区通知"), "bi-megaphone", 2, _reads),
        ),
        home_cards=(
            modules.HomeCard("notices/cards/pending.html", 4, _pending_card),
            modules.HomeCard("notices/cards/mine.html", 3, _my_card),
        ),
        seed=_seed,
        seed_after=("people",),
        periodic=(modules.PeriodicJob("publish_notices", _publish_due),),
        walk="linli.notices.tests.walk",
        event_kinds={
            "notice_created": _("起草了通知"),
            "notice_edited": _("修改了通知"),
            "notice_submitted": _("提交书记审批"),
            "notice_approved": _("审批通过"),
            "notice_refused": _("退回修改"),
            "notice_scheduled": _("定时发布"),
            "notice_published": _("发布"),
            "notice_withdrawn": _("撤回"),
        },
        message_kinds=(
            MessageKind(
                "notice_published",
                _("社区通知"),
                _("社区通知：{title}"),
                _("{community}发布了通知《{title}》，请打开邻里查看。"),
                sms_params=("community", "title"),
            ),
            MessageKind(
                "notice_pending",
                _("通知待审批"),
                _("通知待审批：{title}"),
                _("《{title}》将发给 {reach} 位居民，请审批。"),
                channels=("wecom", "email"),
            ),
            MessageKind(
                "notice_refused",
                _("通知被退回"),
                _("通知被退回：{title}"),
                _("退回原因：{reason}"),
                channels=("wecom", "email"),
            ),
        ),  # fmt: skip
    )
)
