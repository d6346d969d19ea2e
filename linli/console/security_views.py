"""The account security page: the second factor, API tokens, one's own password."""

import base64
import io

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core import accounts
from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.forms import OtpForm, ReauthForm, TokenForm
from linli.core.models import ApiToken
from linli.core.ui import add_domain_error


def _render(request, *, token_form=None, disable_form=None, status=200):
    devices = TOTPDevice.objects.filter(user=request.user)
    pending = devices.filter(confirmed=False).first()
    context = {
        "confirmed": devices.filter(confirmed=True).first(),
        "required": accounts.second_factor_required(request.user),
        "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).order_by("-created_at"),
        "now": timezone.now(),
        "token_form": token_form or TokenForm(),
        "disable_form": disable_form or ReauthForm(),
        "otp_form": OtpForm(),
        "offers_tokens": accounts.offers_api_tokens(request.user),
        "timeline": timeline("user", request.user.pk),
    }
    if pending:
        import segno  # only the page that draws a QR code pays for the import

        qr = segno.make(pending.config_url, micro=False)
        context["pending"] = pending
        # A standalone SVG (with its xmlns): svg_inline() leaves the namespace out, and an <img> of a
        # data: URI without it shows nothing but the alt text.
        svg = io.BytesIO()
        qr.save(svg, kind="svg", scale=4, xmldecl=False)
        context["qr_svg"] = base64.b64encode(svg.getvalue()).decode()
        context["secret"] = base64.b32encode(pending.bin_key).decode()
    return render(request, "console/security.html", context, status=status)


@login_required
def security(request):
    return _render(request)


@login_required
@require_POST
def otp_start(request):
    accounts.otp_setup_start(user=request.user)
    return redirect("security")


@login_required
@require_POST
def otp_confirm(request):
    form = OtpForm(request.POST)
    device = None
    if form.is_valid():
        device = accounts.otp_setup_confirm(user=request.user, token=form.cleaned_data["token"])
    if device is not None:
        otp_login(request, device)
        messages.success(request, _("已开启二次验证。以后登录时需输入验证器App中的动态码。"))
    else:
        messages.error(request, _("验证码不对，请对照验证器App重新输入。"))
    return redirect("security")


@login_required
@require_POST
def otp_disable(request):
    form = ReauthForm(request.POST)
    if form.is_valid():
        try:
            accounts.otp_disable(user=request.user, secret=form.cleaned_data["secret"], request=request)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已关闭二次验证。"))
            return redirect("security")
    return _render(request, disable_form=form)


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            _row, token = accounts.token_issue(
                user=request.user, name=d["name"], days=d["days"], read_only=d["read_only"], secret=d["secret"],
                request=request,
            )  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.warning(request, _("新令牌（只显示这一次，请立即保存）：%(token)s") % {"token": token})
            return redirect("security")
    return _render(request, token_form=form)


@login_required
@require_POST
def token_revoke(request, pk: int):
    accounts.token_revoke(user=request.user, pk=pk)
    return redirect("security")


class PasswordChange(auth_views.PasswordChangeView):
    """Django's own view (old password, validators, session kept by update_session_auth_hash);
    the account's API tokens are revoked with the old password."""

    template_name = "console/password_change.html"
    success_url = reverse_lazy("security")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.password_changed(user=form.user, actor=form.user, request=self.request)
        messages.success(self.request, _("密码已修改。您的 API 令牌已一并吊销，如仍需要请重新创建。"))
        return response


password_change = PasswordChange.as_view()
