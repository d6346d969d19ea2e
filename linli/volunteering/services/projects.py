"""The service-project library (项目库): staff post projects; volunteers and teams claim them (揭榜认领),
report progress with photos, withdraw; staff evaluate the result or take the project down."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.uploads import UploadError, sniff_upload
from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import Claim, ClaimPhoto, ClaimUpdate, Project, ServiceKind, Team, Volunteer
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.services.common import (
    MAX_PHOTOS,
    Actor,
    VolunteeringError,
    can_manage,
    clean_skills,
    is_self,
    place_in,
    require_manage,
)


@dataclass
class ProjectInput:
    title: str = ""
    need: str = ""
    beneficiaries: str = ""
    kind: str = ""
    skills: list | str = ""
    compound_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    capacity: int | None = None
    number: int | None = None


def _check_project(data: ProjectInput) -> tuple[str, str]:
    title, need = (data.title or "").strip(), (data.need or "").strip()
    if not title:
        raise VolunteeringError(_("请填写项目名称。"), field="title")
    if not need:
        raise VolunteeringError(_("请写明需求：要做什么、为谁做。"), field="need")
    if data.kind and data.kind not in ServiceKind.values:
        raise VolunteeringError(_("请选择列表中的服务类别。"), field="kind")
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise VolunteeringError(_("结束日期不能早于开始日期。"), field="ends_on")
    if data.capacity is not None and not 1 <= data.capacity <= 500:
        raise VolunteeringError(_("认领名额请填1到500之间的数，不限名额就空着。"), field="capacity")
    return title, need


@transaction.atomic
def project_save(*, actor: Actor, community: Community, data: ProjectInput, project: Project | None = None) -> Project:
    require_manage(actor, community.pk)
    title, need = _check_project(data)
    compound, _building = place_in(community.pk, data.compound_id, None)
    row = project or Project(community=community, posted_by=actor)
    if project is not None:
        row = Project.objects.in_community(community.pk).select_for_update().get(pk=project.pk)
        if data.capacity is not None and data.capacity < row.claim_count:
            raise VolunteeringError(
                _("已有%(n)d个认领，名额不能少于这个数。") % {"n": row.claim_count}, field="capacity"
            )
    row.title, row.need, row.beneficiaries = title[:100], need, (data.beneficiaries or "").strip()[:200]
    row.kind, row.skills, row.compound = data.kind or "", clean_skills(data.skills), compound
    row.starts_on, row.ends_on, row.capacity, row.number = data.starts_on, data.ends_on, data.capacity, data.number
    row.save()
    events.project_posted(actor=actor, project=row, created=project is None)
    return row


def _claim_rights(actor: Actor, community_id: int, volunteer: Volunteer | None, team: Team | None) -> None:
    if can_manage(actor, community_id):
        return
    if volunteer is not None and is_self(actor, volunteer):
        return
    if team is not None and team.pk in volunteer_scope(scope_for(actor)).led_team_ids:
        return
    raise PermissionDeniedError(_("只能为自己、或为自己带领的队伍认领项目。"))


def _check_claimant(project: Project, volunteer: Volunteer | None, team: Team | None) -> None:
    if (volunteer is None) == (team is None):
        raise VolunteeringError(_("请选择以个人还是以队伍认领。"), field="claimant")
    for who in (volunteer, team):
        if who is not None and who.community_id != project.community_id:
            raise VolunteeringError(_("只有本社区的志愿者或队伍可以认领本社区的项目。"), field="claimant")
    if volunteer is not None and volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这份志愿者登记已不在册。"), field="claimant")


@transaction.atomic
def project_claim(
    *, actor: Actor, project: Project, volunteer: Volunteer | None = None, team: Team | None = None, plan: str = ""
) -> Claim:
    """揭榜: take a project. The project row is locked while the cap is checked, so of several
    people claiming the last place at once exactly one gets it."""
    _check_claimant(project, volunteer, team)
    _claim_rights(actor, project.community_id, volunteer, team)
    row = Project.objects.in_community(project.community_id).select_for_update().get(pk=project.pk)
    if row.status != Project.Status.OPEN:
        raise ConflictError(_("这个项目已%(state)s，不能再认领。") % {"state": row.get_status_display()})
    if row.ends_on and row.ends_on < timezone.localdate():
        raise ConflictError(_("这个项目已过了结束日期，不能再认领。"))
    mine = Claim.objects.in_community(row.community_id).filter(project=row, status=Claim.Status.ACTIVE)
    if mine.filter(volunteer=volunteer, team=team).exists():
        raise ConflictError(_("%(who)s已经认领了这个项目。") % {"who": volunteer or team}, code="duplicate")
    if row.is_full:
        raise ConflictError(_("名额已满：这个项目限%(cap)d个认领，已被认领完。") % {"cap": row.capacity}, code="full")
    claim = Claim.objects.create(
        community_id=row.community_id,
        project=row,
        volunteer=volunteer,
        team=team,
        plan=(plan or "").strip()[:300],
        claimed_by=actor,
    )
    Project.objects.in_community(row.community_id).filter(pk=row.pk).update(claim_count=F("claim_count") + 1)
    events.project_claimed(actor=actor, claim=claim)
    return claim


@transaction.atomic
def claim_withdraw(*, actor: Actor, claim: Claim) -> None:
    _claim_rights(actor, claim.community_id, claim.volunteer, claim.team)
    row = Project.objects.in_community(claim.community_id).select_for_update().get(pk=claim.project_id)
    if row.status != Project.Status.OPEN:
        raise ConflictError(_("项目已结束，认领不能再退出。"))
    changed = (
        Claim.objects.in_community(claim.community_id)
        .filter(pk=claim.pk, status=Claim.Status.ACTIVE)
        .update(status=Claim.Status.WITHDRAWN)
    )
    if not changed:
        raise ConflictError(_("这份认领已经退出了。"))
    Project.objects.in_community(row.community_id).filter(pk=row.pk).update(claim_count=F("claim_count") - 1)
    events.claim_withdrawn(actor=actor, claim=claim)


def _checked_photos(files: Iterable[UploadedFile] | None) -> list[tuple[UploadedFile, str, str]]:
    uploads = list(files or [])
    if len(uploads) > MAX_PHOTOS:
        raise VolunteeringError(_("一次最多上传%(n)d张照片。") % {"n": MAX_PHOTOS}, field="files")
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, *sniff_upload(upload)))
        except UploadError as exc:
            raise VolunteeringError(exc.message, field="files") from None
    return checked


@transaction.atomic
def claim_report(
    *, actor: Actor, claim: Claim, text: str | None, files: Iterable[UploadedFile] | None = ()
) -> ClaimUpdate:
    """Progress on a claim, with up to 9 photos checked by their bytes."""
    _claim_rights(actor, claim.community_id, claim.volunteer, claim.team)
    if claim.status != Claim.Status.ACTIVE:
        raise VolunteeringError(_("这份认领已经退出，不能再报进展。"))
    text = (text or "").strip()
    if not text:
        raise VolunteeringError(_("请写几句进展：做了什么、服务了谁。"), field="text")
    checked = _checked_photos(files)
    update = ClaimUpdate.objects.create(community_id=claim.community_id, claim=claim, text=text[:2000], by=actor)
    for upload, content_type, extension in checked:
        photo = ClaimPhoto(
            community_id=claim.community_id,
            update=update,
            name=(upload.name or "photo")[:200],
            content_type=content_type,
            size=upload.size or 0,
        )
        photo.extension = extension
        photo.file.save("upload" + extension, upload, save=False)
        photo.save()
    events.claim_reported(actor=actor, claim=claim, photos=len(checked))
    return update


@transaction.atomic
def project_evaluate(*, actor: Actor, project: Project, rating: str | int | None, text: str) -> Project:
    """Staff judge the result and close the project as done."""
    require_manage(actor, project.community_id)
    try:
        stars = int(rating) if rating is not None else 0
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise VolunteeringError(_("请给出1到5星的评价。"), field="rating")
    row = Project.objects.in_community(project.community_id).select_for_update().get(pk=project.pk)
    if row.status != Project.Status.OPEN:
        raise ConflictError(_("这个项目已经评价过或已撤下。"))
    if not row.claim_count:
        raise VolunteeringError(_("还没有人认领这个项目，无法评价结果。"))
    row.status, row.rating, row.evaluation = Project.Status.DONE, stars, (text or "").strip()[:2000]
    row.evaluated_by, row.evaluated_at = actor, timezone.now()
    row.save(update_fields=["status", "rating", "evaluation", "evaluated_by", "evaluated_at"])
    events.project_evaluated(actor=actor, project=row)
    return row


@transaction.atomic
def project_close(*, actor: Actor, project: Project) -> None:
    require_manage(actor, project.community_id)
    changed = (
        Project.objects.in_community(project.community_id)
        .filter(pk=project.pk, status=Project.Status.OPEN)
        .update(status=Project.Status.CLOSED)
    )
    if not changed:
        raise ConflictError(_("这个项目已经结束，不能撤下。"))
    events.project_closed(actor=actor, project=project)
