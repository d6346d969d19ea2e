"""notices' part of the role walk (linli/console/tests/test_role_walk.py): who may use each page and
API route, and the objects of the test world (world.notices, from notices/tests/world.py) they take."""

from linli.core.tests.walk_roles import EVERYONE, FULL, SECRETARY

POSTERS = FULL | {"grid1", "grid2", "building"}  # write notices (grid workers, heads: their own area)
SEE_WATER = POSTERS  # the published 停水通知: managers, and every author of the community sees it

PAGES = {
    "notices:list": ("get", POSTERS),
    "notices:create": ("get", POSTERS),
    "notices:settings": ("get", SECRETARY),
    "notices:mine": ("get", EVERYONE),  # the resident's own notices (others: an empty list)
    "notices:read": ("get", {"resident"}),  # reached 王芳 (the admin has no resident record: 404)
    "notices:attachment": ("get", SEE_WATER | {"resident"}),
    "notices:detail": ("get", SEE_WATER),
    "notices:edit": ("get", {"grid1", "secretary", "worker", "admin"}),  # grid worker 1's draft
    "notices:action": ("post", SEE_WATER),  # submit the published one: told, nothing changes
}


def _attachment(world):
    from django.core.files.base import ContentFile

    from linli.notices.models import NoticeAttachment

    water = world.notices.water
    row = NoticeAttachment.objects.in_community(world.a).filter(notice=water).first()
    if row is None:
        row = NoticeAttachment(community=world.a, notice=water, name="停水范围.png", content_type="image/png", size=72)
        row.file.save("map.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), save=False)
        row.save()
    return row


def objects(world) -> dict:
    w = world.notices
    return {
        "notices:read": {"pk": w.water.pk},
        "notices:attachment": {"pk": _attachment(world).pk},
        "notices:detail": {"pk": w.water.pk},
        "notices:edit": {"pk": w.draft.pk},
        "notices:action": {"pk": w.water.pk, "action": "submit"},
    }


def api(world) -> list[tuple]:
    a, b1 = world.a.pk, world.building1.pk
    body = {"community_id": a, "title": "电梯检修", "body": "周四电梯检修。", "audience": {"buildings": [b1]}}
    return [
        ("get", "/notices/mine", EVERYONE, None),
        ("post", "/notices/{notice_id}/read", {"resident"}, None),
        ("get", "/notices", POSTERS - {"outsider"}, None),
        ("get", "/notices/{notice_id}", SEE_WATER, None),
        ("post", "/notices", POSTERS, body),  # building 1 is grid 1's and the head's: grid 2 is told 400
        ("post", "/notices/{notice_id}/approve", SECRETARY, None),  # not waiting: 409
    ]


def api_ids(world) -> dict:
    return {"notice_id": world.notices.water.pk}


API_LISTS = {"/notices"}
