"""The residents' own pages, on the phone: sign-up by mobile number and code, login by password or
code, a forgotten password reset by code (all public), and the link request of a signed-up account."""

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.client_address import client_address
from linli.core.errors import DomainError
from linli.core.scope_stamps import LOGIN_BACKEND
from linli.core.ui import add_domain_error
from linli.residents import accounts, codes, selectors, services
from linli.residents.forms import CodeForm, LinkForm, PasswordLoginForm, PhoneForm, ResetForm, SignupForm

SESSION_KEY = "linli_residents_code"
PURPOSES = {
    "signup": "residents:signup_verify",
    "login": "residents:login_code_verify",
    "reset": "residents:reset_verify",
}
TITLES = {"signup": _("注册"), "login": _("验证码登录"), "reset": _("找回密码")}


def _ask_code(request, purpose: str):
    if request.user.is_authenticated and purpose != "reset":
        return redirect("residents:start")
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = codes.code_request(
                phone=form.cleaned_data["phone"], purpose=purpose, ip=client_address(request) or ""
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            request.session[SESSION_KEY] = {"purpose": purpose, "id": row.pk}
            messages.success(request, _("验证码已发送到您的手机，5分钟内有效。"))
            return redirect(PURPOSES[purpose])
    return render(request, "residents/phone.html", {"form": form, "purpose": purpose})


def _code_id(request, purpose: str):
    pending = request.session.get(SESSION_KEY) or {}
    return pending.get("id") if pending.get("purpose") == purpose else None


def signup(request):
    return _ask_code(request, "signup")


def login_code(request):
    return _ask_code(request, "login")


def reset(request):
    return _ask_code(request, "reset")


def _verify(request, purpose: str, form_class, finish):
    code_id = _code_id(request, purpose)
    if code_id is None:
        return redirect(
            {"signup": "residents:signup", "login": "residents:login_code", "reset": "residents:reset"}[purpose]
        )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = finish(code_id, form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            request.session.pop(SESSION_KEY, None)
            login(request, user, backend=LOGIN_BACKEND)
            return redirect("residents:start" if purpose != "reset" else "home")
    return render(request, "residents/verify.html", {"form": form, "purpose": purpose})


def signup_verify(request):
    return _verify(request, "signup", SignupForm, lambda cid, d: accounts.signup_complete(
        code_id=cid, code=d["code"], password=d.get("password") or ""))  # fmt: skip


def login_code_verify(request):
    return _verify(request, "login", CodeForm, lambda cid, d: accounts.login_by_code(code_id=cid, code=d["code"]))


def reset_verify(request):
    return _verify(request, "reset", ResetForm, lambda cid, d: accounts.password_reset(
        code_id=cid, code=d["code"], password=d["password"]))  # fmt: skip


def login_password(request):
    if request.user.is_authenticated:
        return redirect("residents:start")
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = codes.account_for(codes.mobile(form.cleaned_data["phone"]))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            user = account and authenticate(request, username=account.username, password=form.cleaned_data["password"])
            if user:
                login(request, user, backend=LOGIN_BACKEND)
                return redirect("residents:start")
            form.add_error(None, _("手机号或密码不对。连续输错5次将暂时锁定15分钟，也可以用验证码登录。"))
    return render(request, "residents/login.html", {"form": form})


def _link_form(request):
    form = LinkForm(request.POST or None)
    choices = [("", "—")]
    choices += [(b.pk, f"{b.compound.name} {b.name}") for b in selectors.buildings_to_pick()]
    form.fields["building"].choices = choices
    return form


@login_required
def start(request):
    """The link request of an account, or its state. A linked account is sent to its own page."""
    form = _link_form(request)
    if request.method == "POST" and form.is_valid():
        dwelling = selectors.dwelling_at(building_id=form.cleaned_data["building"], room=form.cleaned_data["room"])
        try:
            if dwelling is None:
                raise services.LinkError(services.NO_DWELLING, field="room")
            services.link_request_create(actor=request.user, name=form.cleaned_data["name"],
                                         id_number=form.cleaned_data["id_number"], dwelling_id=dwelling.pk)  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已提交，社区工作人员确认后即可查看您的登记信息和家庭。"))
            return redirect("residents:start")
    rows = list(selectors.own_requests(actor=request.user)[:5])
    pending = next((r for r in rows if r.status == "pending"), None)
    linked = next((r for r in rows if r.status == "confirmed"), None)
    context = {"form": form, "rows": rows, "pending": pending, "linked": linked}
    context["mine"] = selectors.my_household(actor=request.user)
    return render(request, "residents/start.html", context)


@login_required
def requests(request):
    from linli.tenancy.community import active_community

    community = active_community(request)
    if community is None or not selectors.can_confirm_here(request.user, community.pk):
        return render(request, "403.html", status=403)
    status = request.GET.get("status", "pending")
    rows = list(selectors.request_queue(actor=request.user, community_id=community.pk, status=status)[:100])
    tabs = [("pending", _("待确认")), ("confirmed", _("已确认")), ("refused", _("未通过"))]
    return render(request, "residents/requests.html", {"rows": rows, "status": status, "tabs": tabs})


@login_required
@require_POST
def decide(request, pk: int, action: str):
    if action not in ("confirm", "refuse"):
        raise Http404
    row = selectors.get_request_for(request.user, pk)
    try:
        if action == "confirm":
            services.link_confirm(actor=request.user, link_request=row, request=request)
            messages.success(request, _("已确认，居民账号已关联登记信息。"))
        else:
            services.link_refuse(actor=request.user, link_request=row, reason=request.POST.get("reason", ""))
            messages.success(request, _("已标为不通过，并通知了居民。"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("residents:requests")
