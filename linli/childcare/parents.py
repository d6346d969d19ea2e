"""The parent's phone page of the day-care class (/childcare/mine/): his children's places, waitlists
and pickup codes; he applies, withdraws a child (the next waiting is promoted), keeps the list of
persons authorised to pick his child up and gets a new pickup code. Only children of the households
he heads are his (the engine's rule); anyone else's answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.childcare import selectors, services
from linli.childcare.models import PickupPerson, Programme
from linli.core.errors import DomainError
from linli.core.ui import id_param, run_action
from linli.people.models import Resident


def _page(request, *, status: int = 200, **extra):
    me = selectors.my_resident(request.user)
    kids, programmes = ([], [])
    if me is not None:
        kids, programmes = selectors.family(actor=request.user, community_id=me.community_id, day=timezone.localdate())
    context = {"me": me, "kids": kids, "programmes": programmes, "relations": PickupPerson.Relation.choices, **extra}
    return render(request, "childcare/mine.html", context, status=status)


@login_required
def mine(request):
    """The parent's page (the engine decides whose children he may act for)."""
    return _page(request)


@login_required
@require_POST
def mine_apply(request):
    """A parent applies for his child (a place, or a place on the waitlist)."""
    me = selectors.my_resident(request.user)
    if me is None:
        messages.error(request, _("你的账号还没有关联社区居民信息，请联系社区工作人员。"))
        return redirect("childcare:mine")
    programme = Programme.objects.in_community(me.community_id).filter(pk=id_param(request.POST.get("programme")))
    child = Resident.objects.in_community(me.community_id).filter(pk=id_param(request.POST.get("child"))).first()
    row = programme.select_related("offering").first()
    if row is None or child is None:
        messages.error(request, _("请选择托管班和孩子。"))
    else:
        run_action(request, lambda: services.apply(actor=request.user, programme=row, child=child),
                   _("已为%(name)s报名。") % {"name": child.name})  # fmt: skip
    return redirect("childcare:mine")


@login_required
@require_POST
def mine_withdraw(request, pk):
    """The parent takes his child out (the page asked first); a freed place goes to the first waiting."""
    enrolment = selectors.family_enrolment(request.user, pk)
    done = _("%(name)s已退出%(title)s。") % {"name": enrolment.child.name, "title": enrolment.programme.title}
    run_action(request, lambda: services.withdraw(actor=request.user, enrolment=enrolment), done)
    return redirect("childcare:mine")


@login_required
@require_POST
def mine_person_add(request, pk):
    """The parent authorises a pickup person; a refusal shows the page again with what was typed."""
    enrolment = selectors.family_enrolment(request.user, pk)
    values = {k: request.POST.get(k, "") for k in ("name", "relation", "phone")}
    try:
        services.pickup_person_add(actor=request.user, enrolment=enrolment, **values)
    except DomainError as exc:
        status = 200 if exc.status == 400 else exc.status
        return _page(request, status=status, person_error=(enrolment.pk, exc.message), person_values=values)
    messages.success(request, _("已登记接送人%(name)s。") % {"name": values["name"].strip()})
    return redirect("childcare:mine")


@login_required
@require_POST
def mine_person_remove(request, pk):
    person = selectors.family_person(request.user, pk)
    run_action(request, lambda: services.pickup_person_remove(actor=request.user, person=person),
               _("已取消%(name)s的接送授权。") % {"name": person.name})  # fmt: skip
    return redirect("childcare:mine")


@login_required
@require_POST
def mine_code_renew(request, pk):
    enrolment = selectors.family_enrolment(request.user, pk)
    run_action(request, lambda: services.pickup_code_renew(actor=request.user, enrolment=enrolment),
               _("已更换接送码，旧的接送码不能再用。"))  # fmt: skip
    return redirect("childcare:mine")
