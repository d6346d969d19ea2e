import json

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.cases.permissions import HANDLE_CASES, WORK_CASES
from linli.core import modules
from linli.core.accounts import PENDING_USER
from linli.core.audit import access_log_write
from linli.core.forms import LoginForm, OtpForm
from linli.core.models import AccessLog
from linli.core.permissions import VIEW_STATS
from linli.core.scope_stamps import LOGIN_BACKEND
from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.people.permissions import VIEW_PEOPLE, VIEW_PEOPLE_BASIC
from linli.people.scope import people_scope
from linli.tenancy.community import active_community, set_active_community


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def login_view(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.user
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            request.session[PENDING_USER] = user.pk
            request.session["linli_next"] = _safe_next(request)
            return redirect("login_otp")
        login(request, user, backend=LOGIN_BACKEND)
        return redirect(_safe_next(request))
    return render(request, "registration/login.html", {"form": form, "next": _safe_next(request)})


def login_otp(request):
    user_id = request.session.get(PENDING_USER)
    if not user_id:
        return redirect("login")
    user = get_user_model().objects.get(pk=user_id)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if not any(d.verify_is_allowed()[0] for d in devices):
            form.add_error("token", _("尝试次数过多，请稍等几秒后再输入新的验证码。"))
        elif device := next((d for d in devices if d.verify_token(form.cleaned_data["token"])), None):
            target = request.session.pop("linli_next", "/")
            del request.session[PENDING_USER]
            login(request, user, backend=LOGIN_BACKEND)
            otp_login(request, device)
            return redirect(target)
        else:
            form.add_error("token", _("验证码不对或已过期，请输入验证器App中当前显示的6位数字。"))
    return render(request, "registration/login_otp.html", {"form": form})


@require_POST
def logout_view(request):
    logout(request)
    response = redirect("login")
    # A shared phone: what the last user's pages kept offline (care's queue of visits, the cached
    # visit pages, the service worker) goes with the session (https and localhost only).
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@login_required
def home(request):
    community = active_community(request)
    scope = scope_for(request.user)
    if community is None:
        if scope.supervised_community_ids:
            return redirect("reports:region_overview")
        return render(request, "console/home_empty.html")
    perms = scope.perms.get(community.pk, set())
    personal = not scope.is_superuser and not perms & {VIEW_PEOPLE, VIEW_PEOPLE_BASIC, VIEW_STATS, HANDLE_CASES}
    if personal and WORK_CASES in perms:
        return redirect("cases:inbox")  # partner staff: the cases routed to them
    cards = []
    for card in modules.home_cards():
        context = card.context(request, scope, community)
        if context is not None:
            # Without the request: the context processors (the menu) ran once for the page already.
            cards.append(render_to_string(card.template, context))
    # A card shows only to those who can use it (a member from elsewhere gets his report and his
    # hours, not the registry's zeros); a resident with none of his own has his record; anyone else
    # with none gets the menu's entries, large.
    if personal and not cards and people_scope(scope).resident_ids:
        return redirect("me")
    return render(request, "console/home.html", {"cards": [mark_safe(c) for c in cards]})  # noqa: S308 - our templates


@login_required
@require_POST
def switch_community(request):
    community_id = id_param(request.POST.get("community")) or 0
    if not set_active_community(request, community_id):
        messages.error(request, _("您不在该社区任职，无法切换。"))
    return redirect("home")


@login_required
def me(request):
    """A resident's own record (PIPL Art. 45): what the community holds about them, each module its part."""
    sections = [section for m in modules.modules() if m.own_data for section in m.own_data(request.user)]
    if request.GET.get("download") == "json" and sections:
        export: dict = {}
        for section in sections:
            access_log_write(
                actor=request.user,
                action=AccessLog.Action.OWN_DATA,
                community_id=section["community_id"],
                subject_type=section["subject_type"],
                subject_id=section["subject_id"],
                fields=["all"],
                reason="本人下载",
                request=request,
            )
            export.update(section["export"])
        response = HttpResponse(json.dumps(export, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    rendered = [mark_safe(render_to_string(s["template"], s["context"], request)) for s in sections]  # noqa: S308
    return render(request, "console/me.html", {"sections": rendered})
