"""notices' part of the test world (core/tests/world.py calls add_notices): in community A a
published notice to building 1 (it reached 王芳, the resident account, who has not read it yet),
a notice from the worker to the whole community waiting for the secretary (the threshold is 1),
and a draft of grid worker 1 to his grid."""

from dataclasses import dataclass

from linli.notices.models import NoticeSettings
from linli.notices.services import NoticeInput, fan_out, notice_publish, notice_save


@dataclass
class NoticesWorld:
    water: object  # 停水通知 to building 1, published by the secretary, reached 王芳
    pending: object  # the worker's notice to the whole community, waiting for approval
    draft: object  # grid worker 1's draft to grid 1


def add_notices(world) -> NoticesWorld:
    a = world.a
    NoticeSettings.objects.create(community=a, approval_threshold=1)
    water = notice_publish(
        actor=world.user("secretary"), community_id=a.pk,
        data=NoticeInput(title="1栋停水通知", body="因管道维修，周三9:00-17:00停水，请提前储水。",
                         category="outage", audience={"buildings": [world.building1.pk]}),
    )  # fmt: skip
    fan_out(water.pk)
    water.refresh_from_db()
    pending = notice_publish(
        actor=world.user("worker"), community_id=a.pk,
        data=NoticeInput(title="文明实践志愿服务招募", body="本周六上午在社区广场开展文明实践活动，欢迎报名。",
                         category="activity", audience={"whole": True}),
    )  # fmt: skip
    draft = notice_save(
        actor=world.user("grid1"), community_id=a.pk,
        data=NoticeInput(title="第1网格消防检查", body="周五下午入户检查烟感。", audience={"grids": [world.grid1.pk]}),
    )  # fmt: skip
    return NoticesWorld(water, pending, draft)
