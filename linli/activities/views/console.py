"""The staff's pages: the list, the week and the month, posting and changing an event, its page (roll,
duties, figures, write-up), the categories."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.activities import selectors, services
from linli.activities.views.common import event_input, local_input, managing, this_month, this_week
from linli.core.errors import DomainError
from linli.core.ui import id_param, run_action
from linli.participation import audiences
from linli.participation import selectors as engine


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    community = managing(request)
    year, month = this_month(request)
    context = {"community": community, "view": request.GET.get("view", "list"), "year": year, "month": month}
    if context["view"] == "week":
        monday = this_week(request)
        context["days"] = selectors.week_days(request.user, community.pk, monday)
        context["today"] = timezone.localdate()
        context["prev"], context["next"] = monday - dt.timedelta(days=7), monday + dt.timedelta(days=7)
    elif context["view"] == "month":
        context["weeks"] = selectors.month_grid(request.user, community.pk, year, month)
        context["prev"] = f"{year - (month == 1)}-{(month - 2) % 12 + 1}"
        context["next"] = f"{year + (month == 12)}-{month % 12 + 1}"
    else:
        context["events"] = selectors.event_list(request.user, community.pk)
        figures = context["year_figures"] = selectors.year_figures(request.user, community.pk, year)
        context["year_figures_groups"] = [(_("按小区"), figures["compounds"]), (_("按人群标签"), figures["tags"])]
        context["past"] = selectors.event_list(request.user, community.pk, past=True)[:20]
    return render(request, "activities/list.html", context)


def _form_context(request, community, values=None, error=None, event=None) -> dict:
    from linli.places.selectors import compound_choices
    from linli.venues.selectors import visible_things

    return {
        "community": community, "event": event, "values": values or {}, "error": error,
        "categories": selectors.categories_of(community.pk), "sources": audiences.sources(),
        "compounds": compound_choices(actor=request.user, community_id=community.pk),
        "rooms": visible_things(request.user, community.pk).select_related("venue").order_by("venue__name", "name"),
    }  # fmt: skip


def _save(request: HttpRequest, event=None) -> HttpResponse:
    community = managing(request)
    if request.method == "POST":
        try:
            saved = services.event_save(actor=request.user, community_id=community.pk, data=event_input(request),
                                        event=event, poster=request.FILES.get("poster"))  # fmt: skip
        except DomainError as exc:
            return render(request, "activities/form.html", _form_context(request, community, request.POST, exc, event))
        messages.success(request, _("活动已保存。"))
        return redirect("activities:detail", saved.pk)
    values = {}
    if event is not None:
        o = event.offering
        values = {"title": event.title, "category": event.category_id, "organiser": event.organiser,
                  "place": event.place, "compound": event.compound_id, "room": event.room_id or "",
                  "starts_at": local_input(event.starts_at), "ends_at": local_input(event.ends_at),
                  "description": event.description, "public": event.public,
                  "capacity": o.capacity or "", "min_age": o.audience.get("min_age", ""),
                  "max_age": o.audience.get("max_age", ""), "cancel_until": local_input(o.cancel_until)}  # fmt: skip
    return render(request, "activities/form.html", _form_context(request, community, values, None, event))


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    return _save(request)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    community = managing(request)
    event = selectors.get_event_for(request.user, pk)
    if event.community_id != community.pk:
        from django.http import Http404

        raise Http404
    return _save(request, event)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    managing(request)
    event = selectors.get_event_for(request.user, pk)
    context = selectors.event_page(request.user, event)
    context["roll"] = engine.roll(event.offering)
    return render(request, "activities/detail.html", context)


@login_required
@require_POST
def event_writeup(request: HttpRequest, pk: int) -> HttpResponse:
    managing(request)
    event = selectors.get_event_for(request.user, pk)
    text, photos = request.POST.get("writeup", ""), request.FILES.getlist("files")
    saved = _("活动小结已保存。")
    run_action(request, lambda: services.writeup_save(actor=request.user, event=event, text=text, photos=photos), saved)
    return redirect("activities:detail", event.pk)


@login_required
@require_POST
def event_signup_for(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff sign a resident up on his behalf (at the desk, on the phone)."""
    from linli.participation import services as engine_services
    from linli.people.selectors import get_resident_for

    managing(request)
    event = selectors.get_event_for(request.user, pk)
    resident_id = id_param(request.POST.get("resident"))
    if resident_id is None:
        messages.error(request, _("请填写居民编号。"))
        return redirect("activities:detail", event.pk)
    resident = get_resident_for(request.user, resident_id)
    run_action(request, lambda: engine_services.register(actor=request.user, offering=event.offering,
               resident=resident), _("已代%(name)s报名。") % {"name": resident.name})  # fmt: skip
    return redirect("activities:detail", event.pk)


@login_required
@require_POST
def duty_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a volunteering duty to the event (volunteers sign up and log hours in volunteering)."""
    managing(request)
    event = selectors.get_event_for(request.user, pk)
    duty_id = id_param(request.POST.get("duty")) or 0
    linked = _("已关联志愿岗位。")
    run_action(request, lambda: services.duty_link(actor=request.user, event=event, duty_id=duty_id), linked)
    return redirect("activities:detail", event.pk)


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    community = managing(request)
    if request.method == "POST":
        run_action(request, lambda: services.category_add(actor=request.user, community_id=community.pk,
                   name=request.POST.get("name", "")), _("类别已添加。"))  # fmt: skip
        return redirect("activities:categories")
    return render(request, "activities/categories.html",
                  {"community": community, "categories": selectors.categories_of(community.pk)})  # fmt: skip


@login_required
def photo(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.photo_for(request.user, pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def poster(request: HttpRequest, pk: int) -> FileResponse:
    event = selectors.get_event_for(request.user, pk)
    if not event.poster:
        from django.http import Http404

        raise Http404
    response = FileResponse(event.poster.open("rb"), content_type=event.poster_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
