"""The lecturer pool (师资库), the terms and the resource pool (资源库)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.college import services
from linli.college.models import SUBJECTS, Course, CourseResource, Lecturer, Resource
from linli.college.permissions import MANAGE_COLLEGE, VIEW_COLLEGE
from linli.college.views.common import lecturer_for
from linli.core.errors import DomainError
from linli.core.scoping import tenant_join
from linli.core.ui import date_param, id_param, paginate
from linli.tenancy.community import community_with


@login_required
def lecturer_list(request):
    community, scope = community_with(request, VIEW_COLLEGE, MANAGE_COLLEGE)
    joined, courses = tenant_join(Lecturer.objects.in_community(community), "courses", community.pk)
    lecturers = joined.annotate(n=Count(courses)).order_by("-active", "name", "pk")
    subject = (request.GET.get("subject") or "").strip()[:20]
    if subject:
        lecturers = lecturers.filter(subjects__icontains=subject)
    return render(request, "college/lecturer_list.html", {
        "page": paginate(request, lecturers, 50), "subject": subject, "subjects": SUBJECTS,
        "can_manage": scope.has(MANAGE_COLLEGE, community.pk), "kinds": Lecturer.Kind.choices,
    })  # fmt: skip


def _lecturer_input(post) -> services.LecturerInput:
    subjects = [s for s in post.getlist("subjects")] + (post.get("other_subjects") or "").replace("，", ",").split(",")
    return services.LecturerInput(
        name=post.get("name", ""), kind=post.get("kind", ""), subjects=subjects,
        qualifications=post.get("qualifications", ""), availability=post.get("availability", ""),
        recommended_by=post.get("recommended_by", ""),
    )  # fmt: skip


@login_required
def lecturer_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_COLLEGE)
    lecturer = lecturer_for(request, pk) if pk else None
    error = None
    if request.method == "POST":
        try:
            services.save_lecturer(
                actor=request.user, community_id=community.pk, data=_lecturer_input(request.POST), lecturer=lecturer
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存讲师信息。"))
            return redirect("college:lecturer_list")
    courses = (
        Course.objects.in_community(community).filter(lecturer=lecturer).select_related("term") if lecturer else []
    )
    return render(request, "college/lecturer_form.html", {
        "lecturer": lecturer, "error": error, "values": request.POST if request.method == "POST" else None,
        "subjects": SUBJECTS, "kinds": Lecturer.Kind.choices, "courses": courses,
    })  # fmt: skip


@login_required
@require_POST
def term_create(request):
    community, _scope = community_with(request, MANAGE_COLLEGE)
    try:
        term = services.save_term(
            actor=request.user, community_id=community.pk, name=request.POST.get("name", ""),
            starts_on=date_param(request.POST.get("starts_on")), ends_on=date_param(request.POST.get("ends_on")),
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("college:home")
    messages.success(request, _("已建立学期。"))
    return redirect(f"{reverse('college:home')}?term={term.pk}")


@login_required
def resource_list(request):
    community, scope = community_with(request, VIEW_COLLEGE, MANAGE_COLLEGE)
    can_manage = scope.has(MANAGE_COLLEGE, community.pk)
    if request.method == "POST":
        if not can_manage:
            return redirect("college:resource_list")
        try:
            services.save_resource(
                actor=request.user, community_id=community.pk, name=request.POST.get("name", ""),
                kind=request.POST.get("kind", ""), quantity=id_param(request.POST.get("quantity")),
                provider=request.POST.get("provider", ""), note=request.POST.get("note", ""),
            )  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已加入资源库。"))
            return redirect("college:resource_list")
    resources = Resource.objects.in_community(community).order_by("kind", "name", "pk")
    uses: dict[int, list[str]] = {}
    for use in CourseResource.objects.in_community(community).select_related("course").order_by("course__title"):
        uses.setdefault(use.resource_id, []).append(use.course.title)
    page = paginate(request, resources, 50)
    return render(request, "college/resource_list.html", {
        "page": page, "rows": [{"r": r, "courses": uses.get(r.pk, [])} for r in page.object_list],
        "kinds": Resource.Kind.choices, "can_manage": can_manage,
    })  # fmt: skip
