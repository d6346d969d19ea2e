"""The demo's residents who joined by themselves: one pending link request for the worker to
confirm (a registered resident of the community with an ID number and a dwelling, not yet linked),
the demo resident's SMS and WeChat channels (the console backend prints what would be sent), and his
correction requests: a new phone number pending on the staff's queue, an earlier dwelling request
refused with the reason he was told."""

from linli.core import crypto
from linli.core.identity import mask_id_number
from linli.messaging import services as messaging
from linli.people.models import Resident
from linli.people.services import resident_pii
from linli.places.models import Dwelling
from linli.residents.models import AccountPhone, LinkRequest


def seed(ctx) -> None:
    community = ctx.community
    resident_account = ctx.user(f"{community.code}.resident", "居民")
    messaging.contact_set(user=resident_account, channel="sms", address=f"1390000{community.pk:04d}")
    messaging.contact_set(user=resident_account, channel="wechat_mp", address=f"oDemo{community.code}OpenId")
    _corrections(ctx, resident_account)
    candidate = (
        Resident.objects.in_community(community)
        .filter(user__isnull=True, status=Resident.Status.ACTIVE, dwelling__isnull=False)
        .exclude(id_number_bidx="")
        .order_by("pk")
        .first()
    )
    if candidate is None or LinkRequest.objects.in_community(community).exists():
        return
    user = ctx.user(f"{community.code}.newcomer", candidate.name)
    phone = f"1370000{community.pk:04d}"
    account, _created = AccountPhone.objects.get_or_create(
        user=user, defaults={"phone_bidx": crypto.blind_index(phone, purpose="phone"), "phone_last4": phone[-4:]}
    )
    account.phone_enc = crypto.encrypt(phone, table="residents_accountphone", column="phone", row=str(account.pk))
    account.save(update_fields=["phone_enc"])
    messaging.contact_set(user=user, channel="sms", address=phone)
    LinkRequest.objects.create(
        community=community, user=user, name=candidate.name, id_number_bidx=candidate.id_number_bidx,
        id_masked=mask_id_number(resident_pii(candidate, "id_number")), dwelling_id=candidate.dwelling_id,
        resident=candidate,
    )  # fmt: skip
    ctx.say(f"  {community.name}: {user.username} 的关联申请待确认（{candidate.name}）")


def _corrections(ctx, account) -> None:
    from linli.residents import corrections
    from linli.residents.models import CorrectionRequest

    community = ctx.community
    me = Resident.objects.in_community(community).filter(user=account).first()
    if me is None or CorrectionRequest.objects.in_community(community).exists():
        return
    other = Dwelling.objects.in_community(community).exclude(pk=me.dwelling_id).order_by("pk").first()
    if other is not None:
        moved = corrections.correction_request_create(
            actor=account, field="dwelling", proposed=str(other.pk), note="去年搬到这里了"
        )
        corrections.correction_refuse(
            actor=ctx.admin, correction=moved, reason="请带房产证或租房合同到社区服务站核对后办理迁入登记"
        )
    corrections.correction_request_create(
        actor=account, field="phone", proposed=f"1591234{community.pk:04d}", note="原来的号码不用了"
    )
    ctx.say(f"  {community.name}: {account.username} 的电话更正申请待处理")
