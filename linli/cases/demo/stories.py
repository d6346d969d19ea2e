"""What the articles tell, as cases made through the services: 仙湖's awning dispute mediated
(seed article 1), 新源's "three keys open one lock" joint handling (seed article 2), and the demo
resident's own case waiting for his word."""

import datetime as dt

from django.utils import timezone

from linli.cases import services
from linli.cases.models import Channel, JointParty
from linli.people.models import Resident
from linli.places.models import Building
from linli.tenancy.models import PartnerOrg


def _file(community, users, category, building, description, *, created, channel=Channel.STAFF, title=""):

    case, _ = services.case_file(
        actor=users["worker"],
        community=community,
        channel=channel,
        data=services.CaseInput(category_id=category.pk, description=description, building_id=building.pk, title=title),
    )
    return case


def _story(community, categories, users, rng) -> None:
    """What the articles tell, as cases: 仙湖's awning dispute, 新源's three keys, and meetings."""

    if "worker" not in users:
        return
    worker, secretary = users["worker"], users.get("secretary", users["worker"])
    compound_building = Building.objects.in_community(community).select_related("compound").order_by("pk").first()
    today = timezone.localdate()
    if community.code == "xianhu":
        case = _file(
            community,
            users,
            categories["dispute"],
            compound_building,
            "5栋两户因为雨棚的问题误解很深：楼上加装的雨棚下雨时滴水到楼下阳台，楼下要求拆除，楼上不同意，双方多次争吵。",
            created=timezone.now() - dt.timedelta(days=150),
            title="两户因雨棚问题发生纠纷",
        )
        services.mediation_add_party(actor=worker, case=case, side="applicant", name="陈先生", address="5栋1单元201")
        services.mediation_add_party(actor=worker, case=case, side="respondent", name="何女士", address="5栋1单元301")
        for days, kind, notes in (
            (148, "session", "分别走访两户，听取各自诉求：楼下主要是滴水和噪音，楼上担心拆除后阳台进雨。"),
            (141, "session", "在星火驿站组织双方面谈，提出协调方案：改装雨棚外沿加装导水槽，费用双方分担。"),
        ):
            services.mediation_record(
                actor=worker,
                case=case,
                kind=kind,
                held_on=today - dt.timedelta(days=days),
                place="仙湖花园星火驿站",
                mediators="许庭杰（新市民委员）、社区社工",
                notes=notes,
            )
        services.mediation_agreement_save(
            actor=worker,
            case=case,
            dispute="何女士家加装的雨棚下雨时滴水至陈先生家阳台，双方因此多次争执。",
            terms="一、何女士在雨棚外沿加装导水槽，将雨水引至排水管。\n二、改装费用由双方各承担一半。\n三、双方今后如有问题先找社区沟通，不再争吵。",
            fulfilment="十五日内完成改装，社区负责回访",
            reached_on=today - dt.timedelta(days=140),
            mediators="许庭杰、社区社工",
            signed=True,
        )
        services.mediation_record(
            actor=worker,
            case=case,
            kind="follow_up",
            held_on=today - dt.timedelta(days=120),
            place="上门回访",
            mediators="许庭杰",
            notes="导水槽已装好，下雨不再滴水，两户关系缓和。",
        )
        services.case_resolve(actor=worker, case=case, note="双方达成调解协议并已履行，纠纷化解。")
        services.case_confirm(actor=secretary, case=case, satisfaction=5, comment="两户都表示满意")
        services.case_backdate(case=case, created=timezone.now() - dt.timedelta(days=150))
    if community.code == "xinyuan":
        orgs = {o.kind: o for o in PartnerOrg.objects.in_community(community)}
        case = _file(
            community,
            users,
            categories["parking"],
            compound_building,
            "辰光小区地下车库一下雨就积水，排水泵坏了，物业说要用维修基金，业委会说要先公示，拖了一个多月。",
            created=timezone.now() - dt.timedelta(days=60),
            title="辰光小区地下车库积水",
        )
        services.joint_start(
            actor=secretary,
            case=case,
            note="三个钥匙开一把锁：党支部、业委会、物业三方联动",
            org_ids=[orgs["property"].pk, orgs["hoa"].pk, orgs["party_branch"].pk],
        )
        commitments = {
            "community": ("社区牵头协调，组织三方现场查看。", "组织业主代表现场查看并说明情况"),
            "property": ("同意先行垫付维修，提交报价单。", "十日内更换排水泵并清理车库"),
            "hoa": ("同意使用维修基金，按程序公示。", "三日内公示维修基金使用方案"),
            "party_branch": ("党员志愿者协助通知业主、维持秩序。", "组织党员志愿者入户说明"),
        }
        for party in JointParty.objects.in_community(community).filter(case=case):
            position, commitment = commitments[party.party]
            services.joint_position(
                actor=secretary,
                party=party,
                position=position,
                commitment=commitment,
                commitment_due=today - dt.timedelta(days=45),
            )
            services.joint_done(actor=secretary, party=party, note="已按承诺完成")
        services.case_progress(actor=secretary, case=case, note="排水泵已更换，车库已清理")
        services.case_resolve(actor=secretary, case=case, note="三方联动，排水泵更换完毕，雨天不再积水。")
        services.case_confirm(actor=secretary, case=case, satisfaction=5, comment="业主代表回访满意")
        services.case_backdate(case=case, created=timezone.now() - dt.timedelta(days=60))
        # One still running, for the demo accounts to work on.
        live = _file(
            community,
            users,
            categories["property-service"],
            compound_building,
            "物业费收支两年没有公示，业主要求业委会和物业说明。",
            created=timezone.now(),
            title="物业费收支未公示",
        )
        services.joint_start(actor=secretary, case=live, org_ids=[orgs["property"].pk, orgs["hoa"].pk])
    _awaiting_the_resident(community, categories, users)


def _awaiting_the_resident(community, categories, users) -> None:
    """The demo resident's own case, handled by the property company and waiting for his word."""

    resident, property_user = users.get("resident"), users.get("property")
    record = Resident.objects.in_community(community).filter(user=resident).select_related("dwelling").first()
    if record is None or property_user is None or record.dwelling is None:
        return
    case, _ = services.case_file(
        actor=resident, community=community, channel=Channel.SELF,
        data=services.CaseInput(category_id=categories["repair"].pk, building_id=record.dwelling.building_id,
                                description="我们单元的门禁坏了三天了，刷卡开不了门，外卖和快递随便进出。"),
    )  # fmt: skip
    services.case_accept(actor=users["worker"], case=case)
    case.refresh_from_db()
    services.case_claim(actor=property_user, case=case)
    services.case_progress(actor=property_user, case=case, note="已联系门禁厂家，明天上午上门")
    services.case_resolve(actor=property_user, case=case, note="已更换门禁主板，刷卡开门恢复正常")
    services.case_backdate(case=case, created=timezone.now() - dt.timedelta(days=3))
