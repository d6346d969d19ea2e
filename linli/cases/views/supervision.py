"""The street's supervision list (督办): the open cases of the communities below the supervisor,
overdue, escalated or already supervised first. Names of reporters are not on it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone

from linli.cases import selectors_pages as pages
from linli.core.scoping import scope_for
from linli.core.ui import paginate, params, render_list


@login_required
def supervision(request):
    scope = scope_for(request.user)
    communities = pages.supervised_communities(scope)
    if not communities:
        raise Http404
    box = params(request).get("box")
    box = box if box in pages.SUPERVISION_BOXES else "overdue"
    cases = pages.supervision_cases(request.user, communities, box=box)
    context = {"page": paginate(request, cases), "box": box, "communities": communities, "now": timezone.now()}
    return render_list(request, "cases/supervision.html", context)
