"""Group work's pages: the social worker's groups (and a new one), a group with its members, sessions
and roll, and its closing."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import id_param
from linli.people.models import Resident
from linli.socialwork import group_pages, services
from linli.socialwork.views.cases import staff_community


@login_required
def groups(request):
    community = staff_community(request)
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            group = services.group_create(actor=request.user, community_id=community.pk, name=p.get("name", ""),
                                          aim=p.get("aim", ""), start_date=p.get("start_date"),
                                          end_date=p.get("end_date"))  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("小组已建立。"))
            return redirect("socialwork:group", pk=group.pk)
    rows = group_pages.group_list(actor=request.user, community_id=community.pk)
    return render(request, "socialwork/groups.html", {"rows": rows, "error": error, "posted": request.POST})


def _page(request, pk, *, failed: str = "", error=None):
    data = group_pages.group_page(actor=request.user, pk=pk)
    query = request.GET.get("q", "").strip()[:20]
    found = []
    if query:
        found = list(Resident.objects.visible_to(request.user).filter(community_id=data["group"].community_id,
                                                                     name__contains=query)[:10])  # fmt: skip
    context = {**data, "failed": failed, "error": error, "kept": {failed: request.POST} if failed else {},
               "query": query, "found": found}  # fmt: skip
    return render(request, "socialwork/group.html", context)


@login_required
def group_detail(request, pk):
    return _page(request, pk)


def _starts(post):
    try:
        naive = dt.datetime.fromisoformat(post.get("starts_at", ""))
    except ValueError:
        return None
    return timezone.make_aware(naive) if timezone.is_naive(naive) else naive


@login_required
@require_POST
def group_action(request, pk, action):
    group = group_pages.get_group_for(request.user, pk)
    p, me = request.POST, request.user
    calls = {
        "member": lambda: services.group_member_add(actor=me, group=group, resident_id=id_param(p.get("resident")),
                                                    pre_score=p.get("pre_score")),
        "session": lambda: services.group_session_add(actor=request.user, group=group, topic=p.get("topic", ""),
                                                      starts_at=_starts(p)),
        "attend": lambda: services.group_attend(actor=me, session=group_pages.session_of(group, p.get("session")),
                                                member_id=id_param(p.get("member"))),
        "close": lambda: services.group_close(actor=request.user, group=group, evaluation=p.get("evaluation", ""),
                                              post_scores={k[5:]: v for k, v in p.items() if k.startswith("post_")}),
        "programme": lambda: services.group_link_programme(actor=me, group=group, programme_id=p.get("programme")),
    }  # fmt: skip
    if action not in calls:
        raise Http404
    try:
        calls[action]()
    except DomainError as exc:
        return _page(request, group.pk, failed=action, error=exc)
    messages.success(request, _("已保存。"))
    return redirect("socialwork:group", pk=group.pk)
