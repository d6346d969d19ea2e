"""people's declaration: codes, grants, menu entries, home cards, the resident's own data and the
demo's residents."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.people import demo
from linli.people import permissions as p
from linli.people.figures import FIGURES
from linli.tenancy.permissions import Role


def _sees_residents(scope, community) -> bool:
    """The registry's cards are for those who see residents: to others they are zeros and a 404."""
    return modules.holds(scope, community.pk, p.VIEW_PEOPLE, p.VIEW_PEOPLE_BASIC)


def _figures_card(request, scope, community):
    from linli.people.selectors import home_figures

    if not _sees_residents(scope, community):
        return None
    return {"figures": home_figures(actor=request.user, community=community)}


def _tags_card(request, scope, community):
    from linli.people.selectors import tag_counts

    if not scope.has(p.VIEW_PEOPLE, community.pk):
        return None
    tags = list(tag_counts(actor=request.user, community_id=community.pk))
    return {"tags": tags} if tags else None


def _actions_card(request, scope, community):
    if not _sees_residents(scope, community):
        return None
    return {"can_edit": scope.has(p.EDIT_PEOPLE, community.pk)}


def _own_data(user):
    from linli.people.presenters import own_data

    data = own_data(user)
    if data is None:
        return []
    return [
        {
            "template": "people/own_data.html",
            "context": {"data": data},
            "export": data["export"],
            "community_id": data["community_id"],
            "subject_type": "resident",
            "subject_id": data["resident_id"],
        }
    ]


def _street_counts(community_ids):
    from linli.people.selectors import street_counts

    return street_counts(community_ids)


STAFF = {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER}

MODULE = modules.register(
    modules.Module(
        label="people",
        verbose_name=_("居民"),
        permissions=(
            modules.Permission(p.VIEW_PEOPLE, _("查看居民登记信息（打码）")),
            modules.Permission(p.VIEW_PEOPLE_BASIC, _("只看姓名和房号")),
            modules.Permission(p.EDIT_PEOPLE, _("登记、修改居民和家庭")),
            modules.Permission(p.MANAGE_TAGS, _("维护重点人群标签")),
            modules.Permission(p.ERASE_PERSONAL_DATA, _("删除（匿名化）居民个人信息")),
        ),
        grants=modules.grants_by_code(
            {
                p.VIEW_PEOPLE: STAFF,
                p.VIEW_PEOPLE_BASIC: {Role.BUILDING_HEAD},
                p.EDIT_PEOPLE: STAFF,
                p.MANAGE_TAGS: {Role.SECRETARY},
                p.ERASE_PERSONAL_DATA: {Role.SECRETARY},
            }
        ),
        menu=(
            modules.MenuEntry(
                "people:resident_list",
                _("居民"),
                "bi-people",
                20,
                lambda s, c: modules.holds(s, c, p.VIEW_PEOPLE, p.VIEW_PEOPLE_BASIC),
            ),
            modules.MenuEntry(
                "people:household_list",
                _("户籍家庭"),
                "bi-house-heart",
                21,
                lambda s, c: modules.holds(s, c, p.VIEW_PEOPLE),
            ),
            modules.MenuEntry(
                "people:tag_list", _("重点人群标签"), "bi-tags", 35, lambda s, c: modules.holds(s, c, p.VIEW_PEOPLE)
            ),
        ),  # fmt: skip
        home_cards=(
            modules.HomeCard("people/cards/figures.html", 20, _figures_card),
            modules.HomeCard("people/cards/tags.html", 40, _tags_card),
            modules.HomeCard("people/cards/actions.html", 90, _actions_card),
        ),
        seed=demo.seed_community,
        seed_after=("places",),
        seed_global=demo.seed_sample_registers,
        own_data=_own_data,
        report_figures=(
            modules.ReportFigure("residents", _("在住居民"), 20, card_label=_("在住居民")),
            modules.ReportFigure("households", _("户数"), 30, card_label=_("在册户数")),
            modules.ReportFigure("elderly_60", _("60岁以上"), 40, card_label=_("60岁以上")),
        ),
        report_counts=_street_counts,
        figures=FIGURES,
        walk="linli.people.tests.walk",
    )
)
