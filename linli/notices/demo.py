"""The demo's notices of a year in each community: a water cut to the demo resident's building,
a 文明实践 activity to everyone, a deliberation meeting's result to his compound, a heat warning
to 独居老人 of his compound, older ones expired — each published with its recipients and a share of
them read — and, for the walk-through, one waiting for the secretary, one scheduled, one draft."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from linli.notices.fanout import fan_out
from linli.notices.models import Notice, NoticeRecipient, NoticeSettings
from linli.people.models import Resident, Tag
from linli.places.models import Building, Grid

# (days ago, days it stays up or None, category, title, body, audience key, pinned, share read)
PUBLISHED = [
    (350, 3, "outage", "关于{compound}春节前停电检修的通知",
     "供电部门将于本周四8:00-18:00对{compound}配电设施检修，期间停电，请提前做好准备。", "compound", False, 0.7),
    (300, None, "policy", "城乡居民医保缴费提醒",
     "城乡居民医保缴费已开始，可通过微信或到社区服务中心缴费。有困难的居民请联系社区。", "whole", False, 0.45),
    (240, 30, "activity", "“我们的节日·端午”文明实践活动报名",
     "新时代文明实践站将于端午节上午在社区广场举办包粽子、猜灯谜活动，欢迎居民带孩子参加，请到社区报名。",
     "whole", False, 0.55),
    (200, 20, "safety", "高温天气，独居老人请注意防暑",
     "近期持续高温，请少出门、多喝水。身体不适请拨打社区电话，网格员会上门看望。", "elders", False, 0.35),
    (120, None, "deliberation", "{compound}议事会议结果公示",
     "经小区议事会议协商，电动车集中充电棚建在{compound}北门东侧，由物业负责施工，预计下月完工。"
     "对结果有意见的居民，可在公示期内向社区反映。", "compound", False, 0.5),
    (45, None, "policy", "防范电信诈骗，守护养老钱", "不轻信陌生来电，不点陌生链接，不向陌生账户转账。"
     "如有疑问请拨打110或联系社区民警。", "whole", True, 0.6),
    (9, 14, "activity", "文明实践志愿服务：周六义剪义诊",
     "本周六上午9点，社区党群服务中心门前开展义剪、义诊和家电维修，志愿者服务，欢迎居民参加。", "whole", False, 0.4),
    (3, 10, "outage", "{building}停水通知",
     "因二次供水设施清洗，{building}将于下周三9:00-17:00停水，请提前储水。给您带来不便，敬请谅解。", "building",
     False, 0.3),
]  # fmt: skip


def _audiences(community, resident) -> dict[str, dict]:
    building = resident.dwelling.building if resident and resident.dwelling_id else None
    building = building or Building.objects.in_community(community).order_by("pk").first()
    elders = Tag.objects.in_community(community).filter(name="独居老人").first()
    out = {"whole": {"whole": True}, "compound": {"compounds": [building.compound_id]},
           "building": {"buildings": [building.pk]}}  # fmt: skip
    out["elders"] = {"compounds": [building.compound_id], "tags": [elders.pk]} if elders else out["compound"]
    grid = Grid.objects.in_community(community).order_by("pk").first()
    out["grid"] = {"grids": [grid.pk]} if grid else out["building"]
    out["names"] = {"compound": building.compound.name, "building": str(building)}
    return out


def _label(community, audience: dict) -> str:
    from linli.notices import audience as aud

    return aud.label(community.pk, aud.Audience.of(audience))


def _read_some(notice: Notice, share: float, rng) -> None:
    rows = list(NoticeRecipient.objects.in_community(notice.community_id).filter(notice=notice)
                .values_list("pk", "user_id"))  # fmt: skip
    chosen = [pk for pk, user in rows if user or rng.random() < share]  # the demo resident has read them all
    at = notice.publish_at + dt.timedelta(hours=rng.randint(1, 48))
    NoticeRecipient.objects.in_community(notice.community_id).filter(pk__in=chosen).update(read_at=at)


def seed(ctx) -> int:
    community, rng = ctx.community, ctx.rng
    if Notice.objects.in_community(community).exists():
        return 0
    NoticeSettings.objects.in_community(community).get_or_create(community=community)
    secretary = ctx.user(f"{community.code}.secretary", "书记")
    worker = ctx.user(f"{community.code}.worker", "社区工作者")
    resident = Resident.objects.in_community(community).filter(user__username=f"{community.code}.resident").first()
    audiences = _audiences(community, resident)
    names = audiences.pop("names")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    made = 0
    for days, lasts, category, title, body, key, pinned, share in PUBLISHED:
        at = now - dt.timedelta(days=days, hours=rng.randint(0, 6))
        notice = Notice.objects.create(
            community=community, author=rng.choice([secretary, worker]), title=title.format(**names),
            body=body.format(**names), category=category, audience=audiences[key],
            audience_label=_label(community, audiences[key]), status=Notice.Status.PUBLISHED, publish_at=at,
            published_at=at, expires_at=at + dt.timedelta(days=lasts) if lasts else None, pinned=pinned,
        )  # fmt: skip
        fan_out(notice.pk)
        notice.refresh_from_db()
        _read_some(notice, share, rng)
        made += 1
    made += _walkthrough(community, audiences, worker, ctx, now)
    return made


def _walkthrough(community, audiences, worker, ctx, now) -> int:
    """What a demo visitor acts on: a worker's notice waiting for approval, a scheduled one, a draft."""
    from linli.notices import audience as aud

    grid_worker = ctx.user(f"{community.code}.grid1", "网格员一")
    whole = aud.Audience.of(audiences["whole"])
    rows = [
        (worker, "垃圾分类积分兑换活动", "本月最后一个周六在社区广场兑换积分，请带好积分卡。", "activity", "whole",
         Notice.Status.PENDING, now - dt.timedelta(hours=3)),
        (worker, "消防安全知识讲座", "下周五下午3点在社区活动室举办消防安全讲座，欢迎参加。", "safety", "whole",
         Notice.Status.SCHEDULED, now + dt.timedelta(days=5)),
        (grid_worker, "入户核查烟感报警器", "网格员将于下周入户检查独居老人家中烟感报警器，请留意敲门。",
         "safety", "grid", Notice.Status.DRAFT, now + dt.timedelta(days=1)),
    ]  # fmt: skip
    for author, title, body, category, key, status, at in rows:
        Notice.objects.create(
            community=community, author=author, title=title, body=body, category=category,
            audience=audiences[key], audience_label=_label(community, audiences[key]), status=status,
            publish_at=at, reach=aud.reach(community.pk, whole) if key == "whole" else 0,
        )  # fmt: skip
    return len(rows)
