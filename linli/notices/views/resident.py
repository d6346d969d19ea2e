"""The resident's pages on the phone: the notices that reached him, and one of them (opening it
marks it read)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from linli.core.scoping import scope_for
from linli.core.ui import paginate
from linli.notices import selectors, services
from linli.people.scope import people_scope


@login_required
def mine(request):
    linked = bool(people_scope(scope_for(request.user)).resident_ids)
    page = paginate(request, selectors.my_notices(actor=request.user), 20)
    return render(request, "notices/mine.html", {"page": page, "linked": linked})


@login_required
def read(request, pk):
    notice = selectors.get_my_notice(request.user, pk)
    services.notice_mark_read(actor=request.user, notice_id=notice.pk)
    context = {"notice": notice, "attachments": selectors.attachments_of(notice)}
    return render(request, "notices/read.html", context)
