from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import add_domain_error, run_action
from linli.people import account_link
from linli.places import selectors as places
from linli.staff import certificates, selectors, services
from linli.staff.forms import CertificateForm, PasswordForm, StaffForm
from linli.staff.models import STAFF_ROLES
from linli.tenancy.community import community_with
from linli.tenancy.models import PartnerOrg
from linli.tenancy.permissions import MANAGE_STAFF, Role


def _form(request, community):
    form = StaffForm(request.POST or None, initial=_from_record(request, community))
    none = [("", "—")]
    form.fields["grid"].choices = none + [
        (g.pk, g.name) for g in places.grid_choices(actor=request.user, community_id=community.pk)
    ]
    form.fields["building"].choices = none + [
        (b.pk, str(b)) for b in places.building_choices(actor=request.user, community_id=community.pk)
    ]
    orgs = PartnerOrg.objects.visible_to(request.user).filter(community=community)
    form.fields["partner_org"].choices = none + [(o.pk, o.name) for o in orgs]
    return form


def _from_record(request, community) -> dict:
    """`?resident=<pk>` (the button on a resident's page): a resident account for that record."""
    pk = request.GET.get("resident", "")
    if request.method != "GET" or not pk:
        return {}
    try:
        resident = account_link.resident_for_account(actor=request.user, community_id=community.pk, pk=pk)
    except DomainError:
        raise Http404 from None
    return {"full_name": resident.name, "role": Role.RESIDENT, "resident": resident.pk}


@login_required
def staff_list(request):
    community, _scope = community_with(request, MANAGE_STAFF)
    memberships = selectors.staff_list(actor=request.user, community_id=community.pk)
    form = _form(request, community)
    if request.method == "POST" and form.is_valid():
        try:
            d = form.cleaned_data
            services.staff_add(
                actor=request.user, community=community, username=d["username"], full_name=d["full_name"],
                role=d["role"], password=d["password"], grid_id=d["grid"], building_id=d["building"],
                partner_org_id=d["partner_org"], resident_id=d["resident"],
            )  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已开通账号 %(username)s。") % {"username": form.cleaned_data["username"]})
            return redirect("staff:staff_list")
    memberships = list(memberships)
    refused = selectors.password_reset_refused(actor=request.user, user_ids=[m.user_id for m in memberships])
    held = selectors.certificates_by_membership(actor=request.user, community_id=community.pk)
    today = timezone.localdate()
    for m in memberships:
        m.certificates = [(c, c.state(today)) for c in held.get(m.pk, ())]  # type: ignore[attr-defined]
    context = {
        "memberships": memberships, "form": form, "password_form": PasswordForm(), "reset_refused": refused,
        "share": selectors.certified_share(memberships, held, today), "staff_roles": STAFF_ROLES,
        "timeline": selectors.staff_timeline(actor=request.user, community_id=community.pk),
    }  # fmt: skip
    return render(request, "staff/staff_list.html", context)


@login_required
@require_POST
def staff_deactivate(request, pk):
    membership = selectors.get_membership_for(request.user, pk)
    name = membership.user.get_full_name() or membership.user.username
    run_action(
        request,
        lambda: services.staff_deactivate(actor=request.user, membership=membership),
        _("已停用 %(name)s 在本社区的角色。") % {"name": name},
    )
    return redirect("staff:staff_list")


@login_required
@require_POST
def staff_password(request, pk):
    membership = selectors.get_membership_for(request.user, pk)
    form = PasswordForm(request.POST)
    if form.is_valid():
        password = form.cleaned_data["password"]
        run_action(
            request,
            lambda: services.staff_set_password(actor=request.user, membership=membership, password=password),
            _("已重设密码，请当面告知本人。"),
        )
    else:
        messages.error(request, _("请填写新密码。"))
    return redirect("staff:staff_list")


# -- certificates ------------------------------------------------------------------------------------


def _certificate_input(form) -> dict:
    d = form.cleaned_data
    return {
        "kind": d["kind"], "title": d["title"], "number": d["number"], "issued_on": d["issued_on"],
        "valid_until": d["valid_until"],
    }  # fmt: skip


@login_required
def member_certificates(request, pk):
    """One staff member's certificates, and the form to record another."""
    membership = selectors.get_membership_for(request.user, pk)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificates.certificate_add(actor=request.user, membership=membership, **_certificate_input(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已登记证书。"))
            return redirect("staff:member_certificates", pk=membership.pk)
    held = selectors.member_certificates(actor=request.user, membership=membership)
    today = timezone.localdate()
    for certificate in held:
        certificate.state_today = certificate.state(today)  # type: ignore[attr-defined]
    context = {"membership": membership, "form": form, "certificates": held}
    return render(request, "staff/member_certificates.html", context)


@login_required
def certificate_edit(request, pk):
    certificate = selectors.get_certificate_for(request.user, pk)
    initial = {
        "kind": certificate.kind, "title": certificate.title, "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
    }  # fmt: skip
    form = CertificateForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            certificates.certificate_edit(actor=request.user, certificate=certificate, **_certificate_input(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存证书。"))
            return redirect("staff:member_certificates", pk=certificate.membership_id)
    return render(request, "staff/certificate_edit.html", {"certificate": certificate, "form": form})


@login_required
@require_POST
def certificate_remove(request, pk):
    certificate = selectors.get_certificate_for(request.user, pk)
    run_action(
        request,
        lambda: certificates.certificate_remove(actor=request.user, certificate=certificate),
        _("已删除证书 %(name)s。") % {"name": certificate.name},
    )
    return redirect("staff:member_certificates", pk=certificate.membership_id)


@login_required
@require_POST
def certificate_reveal(request, pk):
    certificate = selectors.get_certificate_for(request.user, pk)
    context: dict = {"certificate": certificate}
    try:
        context["number"] = certificates.certificate_reveal(
            actor=request.user, certificate=certificate, reason=request.POST.get("reason", ""), request=request
        )
    except DomainError as exc:
        context["error"] = exc.message
    return render(request, "staff/_certificate_number.html", context)
