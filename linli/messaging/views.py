"""A user's own messages (the bell's page) and where they reach him. Every signed-in user has them;
nobody reads another's."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import add_domain_error, id_param, next_url, paginate
from linli.messaging import selectors, services
from linli.messaging.models import OUTBOUND, Channel


@login_required
def inbox(request):
    page = paginate(request, selectors.inbox(actor=request.user, unread_only=request.GET.get("unread") == "1"))
    rows = selectors.inbox_rows(page.object_list)
    return render(request, "messaging/inbox.html", {"page": page, "rows": rows, "form_id": "inbox-form"})


@login_required
@require_POST
def mark_read(request, pk: int):
    message = selectors.inbox(actor=request.user).filter(pk=id_param(pk) or 0).first()
    if message is None:
        raise Http404
    services.message_mark_read(actor=request.user, message_id=message.pk)
    if message.link and request.POST.get("open") and url_has_allowed_host_and_scheme(message.link, None):
        return redirect(message.link)
    return redirect(next_url(request, "messaging:inbox"))


@login_required
@require_POST
def mark_all_read(request):
    count = services.messages_mark_all_read(actor=request.user)
    messages.success(request, _("已将 %(n)d 条消息标为已读。") % {"n": count})
    return redirect("messaging:inbox")


class PreferenceForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("除站内消息外，还通过以下渠道提醒我"),
        choices=[(str(c), c.label) for c in OUTBOUND],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    quiet_start = forms.TimeField(label=gettext_lazy("免打扰开始"), widget=forms.TimeInput(attrs={"type": "time"}))
    quiet_end = forms.TimeField(label=gettext_lazy("免打扰结束"), widget=forms.TimeInput(attrs={"type": "time"}))


@login_required
def preferences(request):
    current = selectors.settings_of(request.user.pk)
    pref = current["preference"]
    initial = {"channels": pref.channels, "quiet_start": pref.quiet_start, "quiet_end": pref.quiet_end}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_save(
                actor=request.user, channels=form.cleaned_data["channels"],
                quiet_start=form.cleaned_data["quiet_start"], quiet_end=form.cleaned_data["quiet_end"],
            )  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("接收设置已保存。"))
            return redirect("messaging:preferences")
    contacts = [
        (c.label, current["contacts"].get(str(c))) for c in OUTBOUND if c != Channel.EMAIL or request.user.email
    ]
    return render(request, "messaging/preferences.html", {"form": form, "contacts": contacts, "now": dt.datetime.now()})
