"""What the college's pages share: the object lookups (404 outside the reader's scope)."""

from django.http import Http404

from linli.college.models import Course, Lecturer, Session


def course_for(request, pk) -> Course:
    course = Course.objects.visible_to(request.user).select_related("term", "lecturer").filter(pk=pk).first()
    if course is None:
        raise Http404
    return course


def session_for(request, pk) -> Session:
    session = (
        Session.objects.visible_to(request.user).select_related("course", "course__lecturer").filter(pk=pk).first()
    )
    if session is None:
        raise Http404
    return session


def lecturer_for(request, pk) -> Lecturer:
    lecturer = Lecturer.objects.visible_to(request.user).filter(pk=pk).first()
    if lecturer is None:
        raise Http404
    return lecturer
