"""The demo's residents who joined by themselves: one pending link request for the worker to
confirm (a registered resident of the community with an ID number and a dwelling, not yet linked),
and the demo resident's SMS and WeChat channels (the console backend prints what would be sent)."""

from linli.core import crypto
from linli.core.identity import mask_id_number
from linli.messaging import services as messaging
from linli.people.models import Resident
from linli.people.services import resident_pii
from linli.residents.models import AccountPhone, LinkRequest


def seed(ctx) -> None:
    community = ctx.community
    resident_account = ctx.user(f"{community.code}.resident", "居民")
    messaging.contact_set(user=resident_account, channel="sms", address=f"1390000{community.pk:04d}")
    messaging.contact_set(user=resident_account, channel="wechat_mp", address=f"oDemo{community.code}OpenId")
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
