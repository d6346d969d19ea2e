from django.utils.translation import gettext_lazy as _

from linli.core.community import active_community
from linli.core.scoping import scope_for
from linli.tenancy import permissions as p


def _nav(scope, community_id):
    def has(perm):
        return scope.has(perm, community_id) if community_id else scope.is_superuser

    items = [("home", _("首页"), "bi-house")]
    if has(p.VIEW_PEOPLE) or has(p.VIEW_PEOPLE_BASIC):
        items.append(("people:resident_list", _("居民"), "bi-people"))
    if has(p.VIEW_PEOPLE):
        items.append(("people:household_list", _("户籍家庭"), "bi-house-heart"))
    if has(p.VIEW_PLACES):
        items += [
            ("places:compound_list", _("小区"), "bi-buildings"),
            ("places:building_list", _("楼栋"), "bi-building"),
            ("places:grid_list", _("网格"), "bi-grid-3x3"),
        ]
    if has(p.VIEW_PEOPLE):
        items.append(("people:tag_list", _("重点人群标签"), "bi-tags"))
    if has(p.HANDLE_CASES) or has(p.WORK_CASES):
        items.append(("cases:inbox", _("民情诉求"), "bi-chat-square-text"))
    elif has(p.FILE_CASE):
        items.append(("cases:my_cases", _("我要反映"), "bi-chat-square-text"))
    if has(p.VIEW_MEETINGS):
        items.append(("deliberation:meeting_list", _("小区议事"), "bi-people-fill"))
    elif has(p.FILE_CASE):
        items.append(("deliberation:notice_board", _("议事公示"), "bi-megaphone"))
    if has(p.HANDLE_CASES) or has(p.WORK_CASES) or has(p.FILE_CASE):
        items.append(("cases:notices", _("提醒"), "bi-bell"))
    if has(p.VIEW_PARTY):
        items.append(("party:tree", _("党组织"), "bi-flag"))
    if has(p.VIEW_VOLUNTEERS):
        items.append(("volunteering:home", _("志愿服务"), "bi-heart"))
        items.append(("volunteering:project_list", _("项目库"), "bi-journal-check"))
    if has(p.VIEW_PEOPLE):
        items.append(("volunteering:talents", _("人才库"), "bi-stars"))
    if scope.volunteer_ids or (
        community_id and not has(p.VIEW_VOLUNTEERS) and p.Role.RESIDENT in scope.roles.get(community_id, set())
    ):
        items.append(("volunteering:me", _("我的志愿服务"), "bi-heart-fill"))
    if not scope.supervised_community_ids and not any(
        has(perm) for perm in (p.VIEW_PEOPLE, p.VIEW_PEOPLE_BASIC, p.WORK_CASES, p.VIEW_STATS)
    ):
        items.append(("party:report_in", _("在职党员报到"), "bi-flag"))
    if has(p.MANAGE_CASE_SETTINGS):
        items.append(("cases:category_list", _("诉求设置"), "bi-sliders"))
    if has(p.IMPORT_DATA):
        items.append(("imports:job_list", _("表格导入"), "bi-file-earmark-arrow-up"))
    if has(p.MANAGE_STAFF):
        items.append(("staff:staff_list", _("工作人员"), "bi-person-badge"))
    if scope.supervised_community_ids or scope.is_superuser:
        items.append(("reports:region_overview", _("街道总览"), "bi-bar-chart"))
    if scope.resident_ids:
        items.append(("me", _("我的信息"), "bi-person-vcard"))
    items.append(("security", _("账号安全"), "bi-shield-lock"))
    return items


def _with_links(items, path: str) -> list[tuple]:
    """(href, label, icon, active): the active item is the one whose address is the longest start of
    the page's (志愿服务 /volunteering/ vs 项目库 /volunteering/projects/)."""
    from django.urls import reverse

    links = [(reverse(name), label, icon) for name, label, icon in items]
    best = max((h for h, _l, _i in links if h == path or (h != "/" and path.startswith(h))), key=len, default=None)
    return [(h, label, icon, h == best) for h, label, icon in links]


def shell(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    community = active_community(request)
    scope = scope_for(request.user)
    return {
        "community": community,
        "communities": request._linli_communities,
        "nav_items": _with_links(_nav(scope, community.pk if community else None), request.path),
        "scope": scope,
        # Party membership is kept narrow (view_party): pages mark in-service members only for them.
        "party_visible": scope.has(p.VIEW_PARTY, community.pk) if community else scope.is_superuser,
    }
