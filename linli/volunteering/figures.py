"""volunteering's entries in the figure catalogue: volunteers, verified hours and person-times,
stars, and the projects posted, claimed and done in a month."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from linli.core import figures as f
from linli.volunteering.models import Claim, Project, ServiceRecord, Volunteer


def _active(community_ids):
    return Volunteer.objects.in_community_ids(community_ids).filter(status=Volunteer.Status.ACTIVE)


def volunteers(community_ids, month):
    return f.per_community(_active(community_ids))


def in_service(community_ids, month):
    return f.per_community(_active(community_ids).filter(in_service=True))


def starred(community_ids, month):
    return f.per_community(_active(community_ids).filter(star__gte=1))


def _verified(community_ids, month):
    return ServiceRecord.objects.in_community_ids(community_ids).filter(
        status="verified", day__gte=month, day__lt=f.shift_month(month, 1)
    )


def hours(community_ids, month):
    minutes = f.per_community(_verified(community_ids, month), Sum("minutes"))
    return {cid: round(m / 60, 1) for cid, m in minutes.items()}


def records(community_ids, month):
    return f.per_community(_verified(community_ids, month))


def projects_posted(community_ids, month):
    start, end = f.month_bounds(month)
    return f.per_community(
        Project.objects.in_community_ids(community_ids).filter(posted_at__gte=start, posted_at__lt=end)
    )


def projects_claimed(community_ids, month):
    start, end = f.month_bounds(month)
    claims = Claim.objects.in_community_ids(community_ids).filter(
        claimed_at__gte=start, claimed_at__lt=end, status="active"
    )
    return f.per_community(claims, Count("project_id", distinct=True))


def projects_done(community_ids, month):
    start, end = f.month_bounds(month)
    done = Project.objects.in_community_ids(community_ids).filter(
        Q(status="done"), evaluated_at__gte=start, evaluated_at__lt=end
    )
    return f.per_community(done)


PERSONS, ITEMS = _("人"), _("个")
FIGURES = (
    f.Figure(
        "volunteers",
        _("在册志愿者"),
        _("状态为“在册”的志愿者（只有当前数）。"),
        PERSONS,
        "people_power",
        volunteers,
        order=110,
        monthly=False,
    ),
    f.Figure(
        "volunteers_in_service",
        _("其中在职党员"),
        _("在册志愿者中标为在职党员的人数（只有当前数）。"),
        PERSONS,
        "people_power",
        in_service,
        order=111,
        monthly=False,
    ),
    f.Figure(
        "volunteers_starred",
        _("星级志愿者"),
        _("在册志愿者中达到一星及以上的人数（只有当前数）。"),
        PERSONS,
        "people_power",
        starred,
        order=112,
        monthly=False,
    ),
    f.Figure(
        "volunteer_hours",
        _("已核实服务时长"),
        _("该月（按服务日期）已核实的服务记录的时长之和。"),
        _("小时"),
        "people_power",
        hours,
        order=113,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    f.Figure(
        "volunteer_records",
        _("志愿服务人次"),
        _("该月（按服务日期）已核实的服务记录条数。"),
        _("人次"),
        "people_power",
        records,
        order=114,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    f.Figure(
        "projects_posted",
        _("发布的项目"),
        _("该月发布的服务项目（揭榜）。"),
        ITEMS,
        "people_power",
        projects_posted,
        order=115,
    ),
    f.Figure(
        "projects_claimed",
        _("认领的项目"),
        _("该月有人认领（认领未退出）的项目数。"),
        ITEMS,
        "people_power",
        projects_claimed,
        order=116,
    ),
    f.Figure(
        "projects_done", _("完成的项目"), _("该月评价完成的项目。"), ITEMS, "people_power", projects_done, order=117
    ),
)
