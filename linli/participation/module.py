"""participation's declaration: no pages of its own (its owners show it), its event labels and the
names its events refer to."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules


def _registrant_names(ids: set[int]) -> dict[int, str]:
    from linli.people.models import Resident

    return dict(Resident.objects.unscoped().filter(pk__in=ids).values_list("pk", "name"))


MODULE = modules.register(
    modules.Module(
        label="participation",
        verbose_name=_("报名与签到"),
        person_names={"registrant": _registrant_names},
        event_kinds={
            "registered": _("报了名"),
            "waitlisted": _("进入候补名单"),
            "cancelled": _("取消了报名"),
            "promoted": _("由候补转为正式报名"),
            "checked_in": _("签到"),
            "notice_promoted": _("候补转正通知"),
        },
        message_kinds=(
            modules.MessageKind(
                code="participation_promoted",
                label=_("候补转正"),
                title=_("您已从候补转为正式报名：{title}"),
                body=_("“{title}”有人取消了报名，您已获得名额，请按时参加。"),
            ),
        ),  # fmt: skip
    )
)
