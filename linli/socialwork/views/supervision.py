"""The supervisor's list (督导), the roster of social workers, and the client's own plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import paginate
from linli.socialwork import selectors, services
from linli.socialwork.models import Level, Practitioner
from linli.socialwork.permissions import MANAGE_SOCIALWORK
from linli.socialwork.services.common import today
from linli.socialwork.views.cases import staff_community
from linli.tenancy.community import active_community, community_with


@login_required
def supervision(request):
    community = staff_community(request)
    page = paginate(request, selectors.supervision_list(actor=request.user, community_id=community.pk), 50)
    context = {"page": page, "today": today(), "practises": selectors.is_practitioner(request.user, community.pk)}
    return render(request, "socialwork/supervision.html", context)


def _roster_page(request, community, *, error=None, posted=None, end_error=None):
    rows = list(selectors.roster(actor=request.user, community_id=community.pk))
    context = {
        "rows": [p for p in rows if p.active], "past": [p for p in rows if not p.active], "levels": Level.choices,
        "staff": selectors.staff_choices(community.pk),
        "supervisors": [p for p in rows if p.may_supervise and p.active],
        "error": error, "posted": posted or {}, "end_error": end_error,
    }  # fmt: skip
    return render(request, "socialwork/roster.html", context)


@login_required
@require_POST
def roster_end(request, pk):
    community, _scope = community_with(request, MANAGE_SOCIALWORK)
    row = Practitioner.objects.in_community(community.pk).filter(pk=pk).first()
    if row is None:
        raise Http404
    try:
        services.practitioner_end(actor=request.user, practitioner=row)
    except DomainError as exc:
        return _roster_page(request, community, end_error=exc)
    messages.success(request, _("%(name)s已离开社工名册（记录保留）。") % {"name": row})
    return redirect("socialwork:roster")


@login_required
def roster(request):
    community, _scope = community_with(request, MANAGE_SOCIALWORK)
    error, posted = None, {}
    if request.method == "POST":
        try:
            services.practitioner_save(
                actor=request.user, community_id=community.pk, user_id=request.POST.get("user"),
                level=request.POST.get("level", ""), supervisor_id=request.POST.get("supervisor") or None,
                certificate_no=request.POST.get("certificate_no", ""),
                education_hours=request.POST.get("education_hours") or 0,
            )  # fmt: skip
        except DomainError as exc:
            error, posted = exc, request.POST
        else:
            messages.success(request, _("社工名册已更新。"))
            return redirect("socialwork:roster")
    return _roster_page(request, community, error=error, posted=posted)


@login_required
def me(request):
    community = active_community(request)
    plans = selectors.client_plans(actor=request.user, community_id=community.pk) if community else []
    return render(request, "socialwork/me.html", {"plans": plans})


__all__ = ["me", "roster", "roster_end", "supervision"]
