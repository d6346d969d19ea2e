"""The college's state changes (keyword-only, `actor=` first; a refusal raises CollegeError and
changes nothing). Public face: `from linli.college import services`."""

from linli.college.services.common import CollegeError
from linli.college.services.courses import CourseInput, cancel_session, create_course, move_session
from linli.college.services.lecturers import LecturerInput, save_lecturer, save_resource, save_term
from linli.college.services.roll import check_in_code, mark, may_take_roll

__all__ = [
    "CollegeError",
    "CourseInput",
    "LecturerInput",
    "cancel_session",
    "check_in_code",
    "create_course",
    "mark",
    "may_take_roll",
    "move_session",
    "save_lecturer",
    "save_resource",
    "save_term",
]
