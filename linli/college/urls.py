from django.urls import path

from linli.college.views import courses, figures, pool, roll

app_name = "college"

urlpatterns = [
    path("", courses.home, name="home"),
    path("courses/new/", courses.course_create, name="course_create"),
    path("courses/<int:pk>/", courses.course_detail, name="course_detail"),
    path("courses/<int:pk>/enrol/", courses.course_enrol, name="course_enrol"),
    path("courses/<int:pk>/certificate/<int:resident_id>/", roll.certificate, name="certificate"),
    path("sessions/<int:pk>/move/", courses.session_move, name="session_move"),
    path("sessions/<int:pk>/cancel/", courses.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/roll/", roll.roll, name="roll"),
    path("sessions/<int:pk>/roll/mark/", roll.roll_mark, name="roll_mark"),
    path("sessions/<int:pk>/roll/walk-in/", roll.roll_walk_in, name="roll_walk_in"),
    path("sessions/<int:pk>/roll/check-in/", roll.roll_check_in, name="roll_check_in"),
    path("terms/new/", pool.term_create, name="term_create"),
    path("lecturers/", pool.lecturer_list, name="lecturer_list"),
    path("lecturers/new/", pool.lecturer_form, name="lecturer_create"),
    path("lecturers/<int:pk>/", pool.lecturer_form, name="lecturer_edit"),
    path("resources/", pool.resource_list, name="resource_list"),
    path("figures/", figures.figures, name="figures"),
    path("me/", courses.my_courses, name="my_courses"),
    path("me/<int:pk>/code/", roll.my_code, name="my_code"),
]
