"""The resident page's account buttons: link an existing resident account, or unlink it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.ui import id_param, run_action
from linli.people import account_link, selectors


def _resident(request, pk):
    resident = selectors.get_resident_for(request.user, pk)
    if not account_link.can_link(request.user, resident.community_id):
        raise PermissionDenied
    return resident


@login_required
@require_POST
def resident_account_link(request, pk):
    resident = _resident(request, pk)
    user_id = id_param(request.POST.get("user"))
    run_action(
        request,
        lambda: account_link.resident_account_link(
            actor=request.user, resident=resident, user_id=user_id, request=request
        ),
        _("已关联居民账号。该账号的“我的信息”现在显示这条登记信息。"),
    )
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_account_unlink(request, pk):
    resident = _resident(request, pk)
    run_action(
        request,
        lambda: account_link.resident_account_unlink(actor=request.user, resident=resident, request=request),
        _("已解除账号关联。"),
    )
    return redirect("people:resident_detail", pk=resident.pk)
