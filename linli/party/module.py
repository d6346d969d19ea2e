"""party's declaration: codes, grants, menu entries and the demo's party organisation."""

from django.utils.translation import gettext_lazy as _

from linli.cases.permissions import WORK_CASES
from linli.core import modules
from linli.core.permissions import VIEW_PARTY, VIEW_STATS
from linli.party.figures import FIGURES
from linli.party.permissions import MANAGE_PARTY
from linli.people.permissions import VIEW_PEOPLE, VIEW_PEOPLE_BASIC
from linli.tenancy.permissions import Role


def _seed(ctx) -> None:
    from django.contrib.auth import get_user_model

    from linli.party import demo

    secretary = get_user_model().objects.get(username=f"{ctx.community.code}.secretary")
    if demo.seed(ctx.community, rng=ctx.rng, staff_user=secretary):
        ctx.say(f"{ctx.community.name}: party organisation and members")


def _samples(ctx) -> None:
    from linli.party.samples import write_samples

    write_samples(ctx)


def _member_names(ids: set[int]) -> dict[int, str]:
    from linli.party.selectors import member_names

    return member_names(ids)


def _report_in_card(request, scope, community):
    """The home of an in-service member who is not staff: his report and his commitment."""
    from linli.party.selectors import my_report_in

    if not _report_in_shown(scope, community.pk):
        return None
    mine = my_report_in(request.user, community.pk)
    if mine is None and Role.PARTY_MEMBER not in scope.roles.get(community.pk, set()):
        return None
    return {"mine": mine}


def _report_in_shown(scope, community_id) -> bool:
    """在职党员报到: for those who are neither staff, partners nor supervisors."""
    if scope.supervised_community_ids:
        return False
    return not modules.holds(scope, community_id, VIEW_PEOPLE, VIEW_PEOPLE_BASIC, WORK_CASES, VIEW_STATS)


MODULE = modules.register(
    modules.Module(
        label="party",
        verbose_name=_("党组织"),
        permissions=(modules.Permission(MANAGE_PARTY, _("维护党组织、党员和在职党员报到")),),
        grants=modules.grants_by_code({MANAGE_PARTY: {Role.SECRETARY, Role.PARTY_SECRETARY}}),
        menu=(
            modules.MenuEntry("party:tree", _("党组织"), "bi-flag", 60, lambda s, c: modules.holds(s, c, VIEW_PARTY)),
            modules.MenuEntry("party:report_in", _("在职党员报到"), "bi-flag", 75, _report_in_shown),
        ),
        home_cards=(modules.HomeCard("party/cards/report_in.html", 15, _report_in_card),),
        seed=_seed,
        seed_after=("people",),
        seed_global=_samples,
        figures=FIGURES,
        walk="linli.party.tests.walk",
        person_names={"party_member": _member_names},
        event_kinds={
            "org_created": _("建立了党组织"),
            "org_edited": _("修改了党组织信息"),
            "member_added": _("添加了党员"),
            "member_left": _("党员组织关系转出"),
            "report_in_submitted": _("提交了在职党员报到"),
            "report_in_confirmed": _("确认了报到"),
            "report_in_declined": _("退回了报到"),
            "report_in_ended": _("结束了报到"),
            "candidate_dismissed": _("排除了待确认党员"),
            "member_changed": _("修改了党员信息"),
        },
    )
)
