"""Session notes (never edited: addenda correct them), the supervisor's comments, referrals out,
and sharing the file with a colleague."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from linli.core.ui import id_param
from linli.socialwork.events import case_event
from linli.socialwork.models import Case, CaseShare, Goal, NoteAddendum, NoteComment, ReferralOut, SessionNote
from linli.socialwork.services.common import (
    SHARE_ROLES,
    SocialWorkError,
    a_date,
    case_for_update,
    require_open,
    require_supervisor,
    require_worker,
    text,
    today,
)


@transaction.atomic
def session_record(*, actor, case: Case, session_date, kind: str, content: str, progress: dict | None = None):
    case = case_for_update(actor, case)
    require_worker(actor, case)
    require_open(case)
    when = a_date(session_date, field="session_date", label=_("服务日期"))
    if case.intake_date is not None and when < case.intake_date:
        raise SocialWorkError(
            _("服务日期不能早于接案日期（%(d)s）。") % {"d": case.intake_date},
            field="session_date",
            code="before_intake",
        )
    if when > today():
        raise SocialWorkError(_("服务日期不能晚于今天。"), field="session_date")
    if kind not in SessionNote.Kind.values:
        raise SocialWorkError(_("请选择服务方式。"), field="kind")
    body = text(content, field="content", label=_("服务内容"), max_length=5000)
    goals = set(Goal.objects.in_community(case.community_id).filter(case=case).values_list("pk", flat=True))
    clean = {}
    for key, value in (progress or {}).items():
        if not str(key).isdigit() or int(key) not in goals:
            raise SocialWorkError(_("目标进展里有不属于本个案的目标。"), field="progress")
        if value := str(value or "").strip():
            clean[str(key)] = text(value, field="progress", label=_("目标进展"), max_length=1000)
    note = SessionNote.objects.create(
        community_id=case.community_id, case=case, session_date=when, kind=kind, content=body, progress=clean,
        author=actor,
    )  # fmt: skip
    case_event("session_recorded", case=case, actor=actor, session=note.pk)
    return note


@transaction.atomic
def note_addendum(*, actor, note: SessionNote, text_: str) -> NoteAddendum:
    """A correction: the note stays as written, the addendum says what was wrong (with who and when)."""
    case = case_for_update(actor, note.case)
    require_worker(actor, case)
    body = text(text_, field="text", label=_("补充更正"), max_length=2000)
    row = NoteAddendum.objects.create(community_id=case.community_id, case=case, note=note, text=body, author=actor)
    case_event("note_amended", case=case, actor=actor, session=note.pk)
    return row


@transaction.atomic
def note_comment(*, actor, note: SessionNote, text_: str) -> NoteComment:
    case = case_for_update(actor, note.case)
    require_supervisor(actor, case)
    body = text(text_, field="text", label=_("督导意见"), max_length=2000)
    row = NoteComment.objects.create(community_id=case.community_id, case=case, note=note, text=body, author=actor)
    case_event("note_commented", case=case, actor=actor, session=note.pk)
    return row


@transaction.atomic
def referral_out_add(*, actor, case: Case, to: str, to_name: str, reason: str, referred_date) -> ReferralOut:
    case = case_for_update(actor, case)
    require_worker(actor, case)
    require_open(case)
    if to not in ReferralOut.To.values:
        raise SocialWorkError(_("请选择转介去向。"), field="to")
    name = text(to_name, field="to_name", label=_("机构名称"), max_length=100)
    why = text(reason, field="reason", label=_("转介事由"), max_length=300)
    when = a_date(referred_date, field="referred_date", label=_("转介日期"))
    if (case.intake_date is not None and when < case.intake_date) or when > today():
        raise SocialWorkError(_("转介日期须在接案日期和今天之间。"), field="referred_date")
    row = ReferralOut.objects.create(
        community_id=case.community_id, case=case, to=to, to_name=name, reason=why, referred_date=when
    )
    case_event("referral_added", case=case, actor=actor, referral=row.pk)
    return row


@transaction.atomic
def referral_outcome(*, actor, referral: ReferralOut, outcome: str, note: str = "") -> ReferralOut:
    case = case_for_update(actor, referral.case)
    require_worker(actor, case)
    if outcome not in ReferralOut.Outcome.values or outcome == ReferralOut.Outcome.PENDING:
        raise SocialWorkError(_("请选择转介结果。"), field="outcome")
    referral.outcome = outcome
    referral.outcome_note = text(note, field="note", label=_("结果说明"), max_length=300, required=False)
    referral.outcome_date = today()
    referral.save(update_fields=["outcome", "outcome_note", "outcome_date"])
    case_event("referral_outcome", case=case, actor=actor, referral=referral.pk, outcome=outcome)
    return referral


@transaction.atomic
def case_share(*, actor, case: Case, user_id, reason: str) -> CaseShare:
    """Shared explicitly, with a reason, with a colleague of the community's staff."""
    from linli.tenancy.models import Membership

    case = case_for_update(actor, case)
    require_worker(actor, case)
    why = text(reason, field="reason", label=_("共享原因"), max_length=200)
    uid = id_param(user_id)
    staff = Membership.objects.filter(community_id=case.community_id, is_active=True, role__in=SHARE_ROLES)
    if uid is None or not staff.filter(user_id=uid).exists():
        raise SocialWorkError(_("只能共享给本社区的书记、社区工作者和网格员。"), field="user")
    share, _made = CaseShare.objects.in_community(case.community_id).update_or_create(
        community_id=case.community_id, case=case, user_id=uid,
        defaults={"reason": why, "granted_by": actor, "active": True},
    )  # fmt: skip
    case_event("case_shared", case=case, actor=actor, user=uid)
    return share
