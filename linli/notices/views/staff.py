"""The staff's pages: the list of the community's notices, writing one, its page (approval, read
counts, who has not read it), the approval threshold, an attachment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, paginate, render_list, run_action
from linli.notices import audience as aud
from linli.notices import selectors, services
from linli.notices.forms import NoticeForm, ThresholdForm, initial_of
from linli.notices.models import Notice
from linli.notices.permissions import APPROVE_NOTICES, POST_NOTICES, may_manage
from linli.tenancy.community import community_with

TABS = {
    "": gettext_lazy("全部"),
    "pending": gettext_lazy("待审批"),
    "current": gettext_lazy("正在显示"),
    "scheduled": gettext_lazy("定时发布"),
    "draft": gettext_lazy("草稿"),
    "expired": gettext_lazy("已过期"),
    "withdrawn": gettext_lazy("已撤回"),
}


@login_required
def notice_list(request):
    community, _scope = community_with(request, POST_NOTICES)
    status = request.GET.get("status", "")
    status = status if status in TABS else ""
    page = paginate(request, selectors.notice_list(actor=request.user, community_id=community.pk, status=status))
    selectors.with_read_totals(page.object_list)
    may_approve = selectors.can_approve_here(request.user, community.pk)
    context = {"page": page, "status": status, "tabs": TABS, "may_approve": may_approve}
    return render_list(request, "notices/list.html", context)


def _area(request, community_id: int):
    scope = scope_for(request.user)
    return aud.area_of(scope, community_id, manages=may_manage(scope, community_id))


@login_required
def notice_form(request, pk=None):
    community, _scope = community_with(request, POST_NOTICES)
    notice = selectors.get_notice_for(request.user, pk) if pk else None
    if notice is not None and notice.status != Notice.Status.DRAFT:
        raise Http404
    area = _area(request, community.pk)
    form = NoticeForm(request.POST or None, area=area, initial=initial_of(notice) if notice else None)
    if request.method == "POST" and form.is_valid():
        data = form.to_input(request.FILES.getlist("files"))
        publish = request.POST.get("go") == "publish"
        try:
            call = services.notice_publish if publish else services.notice_save
            notice = call(actor=request.user, community_id=community.pk, data=data, notice=notice)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _said(notice) if publish else _("已保存草稿。"))
            return redirect("notices:detail", notice.pk)
    context = {"form": form, "notice": notice, "area": area, "max_files": services.MAX_FILES,
               "max_mb": services.MAX_FILE_MB, "threshold": services.threshold_of(community.pk)}  # fmt: skip
    return render(request, "notices/form.html", context)


def _said(notice: Notice) -> str:
    if notice.status == Notice.Status.PENDING:
        return _("通知将发给 %(n)d 位居民，已提交书记审批。") % {"n": notice.reach}
    if notice.status == Notice.Status.SCHEDULED:
        return _("已定时，将于 %(at)s 发布。") % {"at": notice.publish_at.strftime("%Y-%m-%d %H:%M")}
    return _("已发布，发给 %(n)d 位居民。") % {"n": notice.reach}


@login_required
def notice_detail(request, pk):
    notice = selectors.get_notice_for(request.user, pk)
    unread = paginate(request, selectors.unread_rows(actor=request.user, notice=notice), 50)
    context = {
        "notice": notice,
        "counts": selectors.read_counts(notice),
        "unread": unread,
        "unread_rows": selectors.present_unread(unread.object_list),
        "attachments": selectors.attachments_of(notice),
        "may_approve": selectors.can_approve_here(request.user, notice.community_id),
        "is_author": notice.author_id == request.user.pk,
        "timeline": timeline("notices_notice", notice.pk),
    }
    return render_list(request, "notices/detail.html", context)


ACTIONS = {"submit", "approve", "refuse", "withdraw"}


@login_required
@require_POST
def notice_action(request, pk, action):
    notice = selectors.get_notice_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    calls = {
        "submit": (lambda: services.notice_submit(actor=request.user, notice=notice), _("已提交。")),
        "approve": (lambda: services.notice_approve(actor=request.user, notice=notice), _("已审批通过。")),
        "refuse": (lambda: services.notice_refuse(actor=request.user, notice=notice,
                                                  reason=request.POST.get("reason", "")), _("已退回作者修改。")),
        "withdraw": (lambda: services.notice_withdraw(actor=request.user, notice=notice), _("已撤回。")),
    }  # fmt: skip
    call, said = calls[action]
    run_action(request, call, said)
    return redirect("notices:detail", notice.pk)


@login_required
def settings_page(request):
    community, _scope = community_with(request, APPROVE_NOTICES)
    form = ThresholdForm(request.POST or None, initial={"approval_threshold": services.threshold_of(community.pk)})
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_save(actor=request.user, community_id=community.pk,
                                    value=form.cleaned_data["approval_threshold"])  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("notices:settings")
    return render(request, "notices/settings.html", {"form": form})


@login_required
def attachment(request, pk):
    item = selectors.get_attachment_for(request.user, pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response
