"""residents' declaration: who confirms link requests, the staff's page and home card, the codes and
notices it sends through messaging, its demo (a pending request, residents' channels)."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.core.modules import MessageKind
from linli.residents.permissions import CONFIRM_LINK
from linli.tenancy.permissions import Role


def _pending_card(request, scope, community):
    if not scope.has(CONFIRM_LINK, community.pk):
        return None
    from linli.residents.selectors import pending_counts

    pending, corrections = pending_counts(actor=request.user, community_id=community.pk)
    return {"pending": pending, "corrections": corrections} if pending or corrections else None


def _linked(scope, community_id) -> bool:
    """A resident whose account is linked to a record (the resident role in some community)."""
    return any(Role.RESIDENT in names for names in scope.roles.values())


def _unlinked(scope, community_id) -> bool:
    """An account with no role anywhere (a resident who signed up and is not linked yet)."""
    return not scope.roles and not scope.is_superuser and not scope.supervised_community_ids


def _own_data(user):
    from linli.residents.selectors import own_corrections_section

    section = own_corrections_section(actor=user)
    return [section] if section else []


def _seed(ctx) -> None:
    from linli.residents.demo import seed

    seed(ctx)


CODE = _("您的验证码是{code}，5分钟内有效。请勿告诉他人。")
MODULE = modules.register(
    modules.Module(
        label="residents",
        verbose_name=_("居民注册"),
        permissions=(modules.Permission(CONFIRM_LINK, _("确认居民账号关联登记信息（看到隐去中间位数的身份证号）")),),
        grants=modules.grants_by_code({CONFIRM_LINK: {Role.SECRETARY, Role.WORKER}}),
        menu=(
            modules.MenuEntry("residents:start", _("关联我的登记信息"), "bi-person-check", 1, _unlinked),
            modules.MenuEntry("residents:my_corrections", _("申请更正我的信息"), "bi-pencil-square", 2, _linked),
            modules.MenuEntry(
                "residents:requests",
                _("关联申请"),
                "bi-person-check",
                85,
                lambda s, c: modules.holds(s, c, CONFIRM_LINK),
            ),
            modules.MenuEntry(
                "residents:corrections",
                _("信息更正申请"),
                "bi-pencil-square",
                86,
                lambda s, c: modules.holds(s, c, CONFIRM_LINK),
            ),
        ),
        home_cards=(modules.HomeCard("residents/cards/pending.html", 5, _pending_card),),
        own_data=_own_data,
        seed=_seed,
        seed_after=("people",),
        walk="linli.residents.tests.walk",
        message_kinds=(
            MessageKind(
                "signup_code", _("注册验证码"), _("注册验证码"), CODE, urgent=True, secret=True, sms_params=("code",)
            ),
            MessageKind(
                "login_code", _("登录验证码"), _("登录验证码"), CODE, urgent=True, secret=True, sms_params=("code",)
            ),
            MessageKind(
                "reset_code",
                _("找回密码验证码"),
                _("找回密码验证码"),
                CODE,
                urgent=True,
                secret=True,
                sms_params=("code",),
            ),
            MessageKind(
                "link_pending",
                _("居民关联申请"),
                _("有居民申请关联登记信息"),
                _("{name}申请关联社区登记信息，请核对后确认。"),
                channels=("wecom", "email"),
            ),
            MessageKind(
                "link_confirmed",
                _("关联已确认"),
                _("您的登记信息已关联"),
                _("{community}已确认您的身份，现在可以查看您的登记信息和家庭。"),
                sms_params=("community",),
            ),
            MessageKind(
                "link_refused", _("关联未通过"), _("关联申请未通过"), _("原因：{reason}"), sms_params=("reason",)
            ),
            MessageKind(
                "correction_accepted",
                _("信息已更正"),
                _("您的登记信息已更正"),
                _("社区已按您的申请更正了{field}。"),
                sms_params=("field",),
            ),
            MessageKind(
                "correction_refused",
                _("更正未通过"),
                _("更正申请未通过"),
                _("{field}的更正申请未通过，原因：{reason}"),
                sms_params=("field", "reason"),
            ),
        ),  # fmt: skip
    )
)
