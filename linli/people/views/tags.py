"""The tags of key groups: the list with counts, and a new tag for those who manage them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.errors import DomainError
from linli.core.ui import add_domain_error
from linli.people import permissions as p
from linli.people import selectors, services
from linli.people.forms import (
    TagForm,
)
from linli.tenancy.community import community_with


@login_required
def tag_list(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, p.VIEW_PEOPLE)
    form = TagForm(request.POST or None)
    can_manage = scope.has(p.MANAGE_TAGS, community.pk)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.tag_create(actor=request.user, community=community, **form.cleaned_data)
                messages.success(request, _("已添加标签。"))
                return redirect("people:tag_list")
            except DomainError as exc:
                add_domain_error(form, exc)
    tags = selectors.tag_counts(actor=request.user, community_id=community.pk)
    return render(request, "people/tag_list.html", {"tags": tags, "form": form, "can_manage": can_manage})
