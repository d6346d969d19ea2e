"""The residents' side: their own cases, the community's public ones, and the notices."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from linli.cases import selectors, services
from linli.cases import selectors_pages as pages
from linli.cases.permissions import FILE_CASE, HANDLE_CASES, WORK_CASES
from linli.core.ui import paginate
from linli.tenancy.community import community_with


@login_required
def my_cases(request):
    """A resident's own cases (and those his were merged into), then the community's public ones."""
    community, scope = community_with(request, FILE_CASE)
    mine = pages.own_cases(request.user, scope, community.pk)
    q = (request.GET.get("q") or "").strip()[:30]
    public = paginate(request, selectors.public_cases(community_id=community.pk, query=q), per_page=15)
    return render(request, "cases/my_cases.html", {"mine": mine, "page": public, "q": q})


@login_required
def public_case(request, pk):
    """One public case as residents see it: what, where (compound and building), the public steps."""
    community, _scope = community_with(request, FILE_CASE)
    case = selectors.public_cases(community_id=community.pk).filter(pk=pk).first()
    if case is None:
        raise Http404
    events = selectors.timeline(case, include_internal=False)
    return render(request, "cases/public_case.html", {"case": case, "events": events})


@login_required
def notices(request):
    community, _scope = community_with(request, FILE_CASE, WORK_CASES, HANDLE_CASES)
    if request.method == "POST":
        services.notices_read(actor=request.user, community_id=community.pk)
        return redirect("cases:notices")
    rows = pages.notices_for(request.user, community.pk)
    return render(request, "cases/notices.html", {"page": paginate(request, rows)})
