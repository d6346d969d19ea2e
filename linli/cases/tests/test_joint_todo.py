"""Every party of a joint case has it in its to-do until its own commitment is done, and 三方联动
offers the seeds' three parties ticked (selectors.case_inbox, box_counts; _actions.html)."""

import re

from django.test import Client

from linli.cases import selectors, services
from linli.tenancy.models import PartnerOrg


def _boxes(world, role: str) -> dict[str, list[int]]:
    user = world.user(role)
    return {
        box: [c.pk for c in selectors.case_inbox(actor=user, filters=selectors.CaseFilters(world.a.pk, box=box))]
        for box in ("mine", "team")
    }


def test_the_hoa_has_the_joint_case_in_its_to_do_until_its_commitment_is_done(world):
    joint = world.cases.joint
    assert _boxes(world, "hoa") == {"mine": [joint.pk], "team": [joint.pk]}
    counts = selectors.box_counts(actor=world.user("hoa"), community_id=world.a.pk)
    assert (counts["mine"], counts["team"]) == (1, 1)
    services.joint_position(actor=world.user("hoa"), party=world.cases.party, position="支持", commitment="通知业主")
    services.joint_done(actor=world.user("hoa"), party=world.cases.party, note="已在群里通知全体业主")
    assert _boxes(world, "hoa") == {"mine": [], "team": []}
    counts = selectors.box_counts(actor=world.user("hoa"), community_id=world.a.pk)
    assert (counts["mine"], counts["team"]) == (0, 0)


def test_the_property_company_has_both_its_routed_case_and_the_joint_one(world):
    boxes = _boxes(world, "property")
    assert set(boxes["team"]) == {world.cases.leak.pk, world.cases.joint.pk}
    assert world.cases.joint.pk in boxes["mine"]


def test_the_hoa_inbox_page_lists_the_joint_case(world):
    client = Client()
    client.force_login(world.user("hoa"))
    page = client.get("/cases/?box=mine").content.decode()
    assert world.cases.joint.title in page


def test_joint_handling_ticks_the_party_branch_the_hoa_and_the_property_company(world):
    branch = PartnerOrg.objects.create(community=world.a, name="仙湖花园党支部", kind=PartnerOrg.Kind.PARTY_BRANCH)
    office = PartnerOrg.objects.create(community=world.a, name="城管办", kind=PartnerOrg.Kind.DEPARTMENT)
    client = Client()
    client.force_login(world.user("secretary"))
    page = client.get(f"/cases/{world.cases.leak.pk}/").content.decode()
    ticked = set(map(int, re.findall(r'name="org" value="(\d+)" id="org\d+" checked', page)))
    assert ticked == {branch.pk, world.cases.property_org.pk, world.cases.hoa_org.pk}
    assert office.pk not in ticked
