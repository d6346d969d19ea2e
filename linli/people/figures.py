"""people's entries in the figure catalogue (core/figures.py): residents, households, the age
pyramid, key groups, 新市民 and the moves in and out. Counts per community only; the caller (reports)
checked the communities are the user's to see. Each definition says exactly what the code counts
(the tests check the code against hand-written SQL)."""

import datetime as dt

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import figures as f
from linli.people.models import Household, Move, Resident, ResidentTag
from linli.people.selectors import newcomer_q
from linli.tenancy.models import Community

BAND_YEARS = 10
BANDS = [f"{lo:02d}-{lo + BAND_YEARS - 1:02d}" for lo in range(0, 80, BAND_YEARS)] + ["80+"]


def living_q(day: dt.date) -> Q:
    """Living here on `day`: moved in by then (or no date recorded) and not gone before it. Today
    that is the status 在住; for a past day, a resident who has left since counts if he left after it."""
    arrived = Q(moved_in_date__isnull=True) | Q(moved_in_date__lte=day)
    if day >= timezone.localdate():
        return Q(status=Resident.Status.ACTIVE) & arrived
    stayed = Q(status=Resident.Status.ACTIVE) | Q(moved_out_date__gt=day)
    return arrived & stayed


def _living(community_ids, month):
    return Resident.objects.in_community_ids(community_ids).filter(living_q(f.as_of(month, timezone.localdate())))


def _by_community(qs, **annotations) -> dict[int, dict]:
    return {row.pop("community_id"): row for row in qs.values("community_id").annotate(**annotations)}


def residents(community_ids, month):
    return {cid: row["n"] for cid, row in _by_community(_living(community_ids, month), n=Count("pk")).items()}


def residents_by_compound(community_id, month):
    rows = (
        _living({community_id}, month)
        .values(compound=F("dwelling__building__compound_id"))
        .annotate(n=Count("pk"))
        .values_list("compound", "n")
    )
    return dict(rows)


def _born_by(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _band_cases(day: dt.date):
    """(band, born after, born on or before) for each band: age on `day` within the band."""
    out = []
    for i, band in enumerate(BANDS):
        lo = i * BAND_YEARS
        hi = None if band == "80+" else lo + BAND_YEARS
        out.append((band, _born_by(day, hi) if hi else None, _born_by(day, lo)))
    return out


def age_pyramid(community_ids, month):
    """Parts "<band>/<M|F|?>": residents living here on the day, by age on that day and gender."""
    day = f.as_of(month, timezone.localdate())
    annotations = {}
    for band, after, upto in _band_cases(day):
        born = Q(birth_date__lte=upto) & (Q(birth_date__gt=after) if after else Q())
        for gender, code in (("M", "M"), ("F", "F")):
            annotations[f"{band}/{code}"] = Count("pk", filter=born & Q(gender=gender))
    annotations["unknown"] = Count("pk", filter=Q(birth_date__isnull=True))
    rows = _by_community(_living(community_ids, month), **annotations)
    return {cid: {k.replace("unknown", "?"): v for k, v in row.items()} for cid, row in rows.items()}


def elderly_60(community_ids, month):
    day = f.as_of(month, timezone.localdate())
    rows = _by_community(_living(community_ids, month), n=Count("pk", filter=Q(birth_date__lte=_born_by(day, 60))))
    return {cid: row["n"] for cid, row in rows.items()}


def households(community_ids, month):
    rows = Household.objects.in_community_ids(community_ids).filter(status=Household.Status.ACTIVE)
    return {cid: row["n"] for cid, row in _by_community(rows, n=Count("pk")).items()}


def _newcomers(community_ids, month) -> dict[int, tuple[int, int]]:
    """(newcomers, residents) per community: each community has its own rule (its home area and
    years), so one query each."""
    day = f.as_of(month, timezone.localdate())
    out = {}
    for community in Community.objects.filter(pk__in=community_ids):
        counted = _living({community.pk}, month).aggregate(
            new=Count("pk", filter=newcomer_q(community, day)), n=Count("pk")
        )
        out[community.pk] = (counted["new"], counted["n"])
    return out


def newcomers(community_ids, month):
    return {cid: new for cid, (new, _n) in _newcomers(community_ids, month).items()}


def newcomer_share(community_ids, month):
    return {cid: (new, n) for cid, (new, n) in _newcomers(community_ids, month).items()}


def _moves(kind):
    def count(community_ids, month):
        start, end = month, f.shift_month(month, 1)
        rows = Move.objects.in_community_ids(community_ids).filter(kind=kind, date__gte=start, date__lt=end)
        return {cid: row["n"] for cid, row in _by_community(rows, n=Count("pk")).items()}

    return count


def _tags(sensitive: bool):
    def count(community_ids, month):
        rows = (
            ResidentTag.objects.in_community_ids(community_ids)
            .filter(tag__sensitive=sensitive, resident__status=Resident.Status.ACTIVE)
            .values_list("community_id", "tag__name")
            .annotate(n=Count("pk"))
        )
        out: dict[int, dict[str, int]] = {}
        for cid, name, n in rows:
            out.setdefault(cid, {})[name] = n
        return out

    return count


def _fig(key, name, definition, unit, compute, order, **kw):
    return f.Figure(key, name, definition, unit, "population", compute, order=order, **kw)


PERSONS, HOUSEHOLDS, PERCENT = _("人"), _("户"), "%"
FIGURES = (
    _fig(
        "residents",
        _("在住居民"),
        _(
            "该月最后一天（本月为今天）住在本社区的居民：迁入日期不晚于那天（或未填），且状态为在住，或迁出日期晚于那天。"
        ),
        PERSONS,
        residents,
        10,
        kept=f.KEPT,
        max_age_minutes=10,
        by_compound=residents_by_compound,
    ),
    _fig(
        "households",
        _("户数"),
        _("状态为“在册”的户（只有当前数，没有历史）。"),
        HOUSEHOLDS,
        households,
        11,
        monthly=False,
    ),
    _fig(
        "elderly_60",
        _("60岁以上"),
        _("在住居民中，那天已满60周岁的人数（按出生日期）。"),
        PERSONS,
        elderly_60,
        12,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig(
        "age_pyramid",
        _("年龄结构"),
        _("在住居民按那天的年龄（每10岁一档，80岁以上合并）和性别分组；无出生日期的单列。"),
        PERSONS,
        age_pyramid,
        13,
        kept=f.KEPT,
        max_age_minutes=10,
        min_group=5,
    ),
    _fig(
        "newcomers",
        _("新市民"),
        _(
            "在住居民中，迁入未满社区设定年限（默认5年）、且户籍不在本地（按社区设定的户籍地代码；未设定时为非户籍人口）的人数。"
        ),
        PERSONS,
        newcomers,
        14,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig(
        "newcomer_share",
        _("新市民占比"),
        _("新市民人数除以在住居民人数。"),
        PERCENT,
        newcomer_share,
        15,
        kind=f.SHARE,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig("moves_in", _("迁入"), _("该月登记的迁入（按迁入日期）。"), _("人次"), _moves(Move.Kind.IN), 16),
    _fig("moves_out", _("迁出"), _("该月登记的迁出（按迁出日期）。"), _("人次"), _moves(Move.Kind.OUT), 17),
    _fig(
        "key_groups",
        _("重点人群"),
        _("在住居民带有各非敏感标签（独居老人、高龄等）的人数，按标签分列；只有当前数。不足5人显示为“<5”。"),
        PERSONS,
        _tags(False),
        18,
        monthly=False,
        min_group=5,
    ),
    _fig(
        "key_groups_sensitive",
        _("敏感人群"),
        _("在住居民带有各敏感标签的人数；只对被授权查看敏感标签的人显示。不足5人显示为“<5”。"),
        PERSONS,
        _tags(True),
        19,
        monthly=False,
        min_group=5,
        sensitive=True,
    ),
)
