"""Reads of notices: the staff's list and a notice's page with its read counts and who has not read
it (masked names and rooms, for the grid worker's rounds), a resident's own notices, attachments."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from linli.core.identity import mask_name
from linli.core.scoping import scope_for
from linli.notices.audience import Audience
from linli.notices.models import Notice, NoticeAttachment, NoticeRecipient
from linli.notices.permissions import may_approve, may_manage, may_post
from linli.people.models import Resident, ResidentTag, Tag
from linli.people.scope import people_scope
from linli.places.models import Building, Compound, Grid


def can_post_here(actor, community_id: int | None) -> bool:
    return community_id is not None and may_post(scope_for(actor), community_id)


def can_approve_here(actor, community_id: int | None) -> bool:
    return community_id is not None and may_approve(scope_for(actor), community_id)


def can_manage_here(actor, community_id: int | None) -> bool:
    return community_id is not None and may_manage(scope_for(actor), community_id)


def notice_list(*, actor, community_id: int, status: str = "") -> QuerySet:
    rows = Notice.objects.visible_to(actor).filter(community_id=community_id)
    if status == "current":
        rows = rows.filter(status=Notice.Status.PUBLISHED).filter(_current_q(timezone.now()))
    elif status == "expired":
        rows = rows.filter(status=Notice.Status.PUBLISHED, expires_at__lte=timezone.now())
    elif status in Notice.Status.values:
        rows = rows.filter(status=status)
    return rows.select_related("author").order_by("-pinned", "-publish_at", "-pk")


def with_read_totals(notices: list[Notice]) -> list[Notice]:
    """Each listed notice's `reached` and `read`, in one grouped query for the page."""
    if not notices:
        return notices
    totals = {
        n: (reached, read)
        for n, reached, read in NoticeRecipient.objects.in_community_ids({x.community_id for x in notices})
        .filter(notice_id__in=[x.pk for x in notices])
        .values("notice_id")
        .annotate(reached=Count("pk"), read=Count("pk", filter=Q(read_at__isnull=False)))
        .values_list("notice_id", "reached", "read")
    }
    for notice in notices:
        notice.reached, notice.read = totals.get(notice.pk, (0, 0))  # type: ignore[attr-defined]  # shown beside it
    return notices


def get_notice_for(actor, pk) -> Notice:
    notice = Notice.objects.visible_to(actor).filter(pk=pk or 0).select_related("author", "decided_by").first()
    if notice is None:
        raise Http404
    return notice


def pending_count(*, actor, community_id: int) -> int:
    if not can_approve_here(actor, community_id):
        return 0
    return Notice.objects.visible_to(actor).filter(community_id=community_id, status="pending").count()


@dataclass
class Count_:
    label: str
    reached: int
    read: int

    @property
    def unread(self) -> int:
        return self.reached - self.read

    @property
    def percent(self) -> int:
        return round(100 * self.read / self.reached) if self.reached else 0


def read_counts(notice: Notice) -> dict:
    """The whole notice's counts and one line per place or tag it named (three queries, grouped in
    the database whatever the audience's size). The caller may see the notice."""
    cid = notice.community_id
    rows = NoticeRecipient.objects.in_community(cid).filter(notice_id=notice.pk)
    by_building = {
        b: (n, r)
        for b, n, r in rows.values("building_id")
        .annotate(n=Count("pk"), r=Count("pk", filter=Q(read_at__isnull=False)))
        .values_list("building_id", "n", "r")
    }
    total = Count_("", sum(n for n, _r in by_building.values()), sum(r for _n, r in by_building.values()))
    audience = Audience.of(notice.audience)
    lines: list[Count_] = []
    if audience.has_place:
        buildings = Building.objects.in_community(cid).filter(pk__in=[b for b in by_building if b])
        meta = {b.pk: b for b in buildings.select_related("compound")}

        def line(label, ids):
            lines.append(Count_(label, sum(by_building.get(i, (0, 0))[0] for i in ids),
                                sum(by_building.get(i, (0, 0))[1] for i in ids)))  # fmt: skip

        for compound in Compound.objects.in_community(cid).filter(pk__in=audience.compounds):
            line(compound.name, [b for b, m in meta.items() if m.compound_id == compound.pk])
        for grid in Grid.objects.in_community(cid).filter(pk__in=audience.grids):
            line(grid.name, [b for b, m in meta.items() if m.grid_id == grid.pk])
        for b in audience.buildings:
            if b in meta:
                line(str(meta[b]), [b])
    if audience.tags:
        tagged = (
            ResidentTag.objects.in_community(cid)
            .filter(tag_id__in=audience.tags, resident_id__in=rows.values("resident_id"))
            .values("tag_id")
            .annotate(n=Count("pk"))
        )
        reads = dict(
            ResidentTag.objects.in_community(cid)
            .filter(tag_id__in=audience.tags, resident_id__in=rows.filter(read_at__isnull=False).values("resident_id"))
            .values("tag_id").annotate(n=Count("pk")).values_list("tag_id", "n")
        )  # fmt: skip
        names = dict(Tag.objects.in_community(cid).filter(pk__in=audience.tags).values_list("pk", "name"))
        for row in tagged:
            lines.append(Count_(names.get(row["tag_id"], ""), row["n"], reads.get(row["tag_id"], 0)))
    return {"total": total, "lines": lines}


@dataclass
class Unread:
    name: str  # masked: 王*
    room: str
    has_account: bool


def unread_rows(*, actor, notice: Notice) -> QuerySet:
    """Who the notice reached and has not read it, among the residents the actor may see (a grid
    worker: his grids), in door order."""
    visible = Resident.objects.visible_to(actor).filter(community_id=notice.community_id)
    return (
        NoticeRecipient.objects.visible_to(actor)
        .filter(notice_id=notice.pk, read_at__isnull=True, resident__in=visible.values("pk"))
        .select_related("resident__dwelling__building__compound", "resident__dwelling__unit")
        .order_by("building__compound__name", "building__name", "resident__dwelling__room", "pk")
    )


def present_unread(rows) -> list[Unread]:
    out = []
    for row in rows:
        resident = row.resident
        out.append(Unread(mask_name(resident.name), str(resident.dwelling) if resident.dwelling_id else "",
                          row.user_id is not None))  # fmt: skip
    return out


def _current_q(now) -> Q:
    return Q(expires_at__isnull=True) | Q(expires_at__gt=now)


def my_notices(*, actor) -> QuerySet:
    """The published, unexpired notices that reached the actor's resident record(s): one query
    (the notice joined on its community), whatever he has."""
    mine = people_scope(scope_for(actor)).resident_ids
    now = timezone.now()
    return (
        NoticeRecipient.objects.visible_to(actor)
        .filter(
            resident_id__in=mine,
            notice__community_id=F("community_id"),
            notice__status="published",
            notice__publish_at__lte=now,
        )  # fmt: skip
        .filter(Q(notice__expires_at__isnull=True) | Q(notice__expires_at__gt=now))
        .select_related("notice__community")
        .order_by("-notice__pinned", "-notice__publish_at", "-pk")
    )


def my_unread(*, actor) -> dict:
    rows = my_notices(actor=actor).filter(read_at__isnull=True)
    latest = rows.first()
    return {"unread": rows.count() if latest else 0, "latest": latest.notice if latest else None}


def get_my_notice(actor, pk) -> Notice:
    row = my_notices(actor=actor).filter(notice_id=pk or 0).first()
    if row is None:
        raise Http404
    return row.notice


def attachments_of(notice: Notice) -> list[NoticeAttachment]:
    return list(NoticeAttachment.objects.in_community(notice.community_id).filter(notice_id=notice.pk))


def get_attachment_for(actor, pk) -> NoticeAttachment:
    """An attachment of a notice the actor may see as staff, or that reached him as a resident."""
    row = NoticeAttachment.objects.visible_to(actor).filter(pk=pk or 0).first()
    if row is None:
        raise Http404
    if Notice.objects.visible_to(actor).filter(pk=row.notice_id).exists():
        return row
    if my_notices(actor=actor).filter(notice_id=row.notice_id).exists():
        return row
    raise Http404
