"""The community college (社区学院): its lecturer pool (师资库), terms, courses on a weekly rule, the
sessions that rule expands into, and the resource pool (资源库). Enrolment, the waitlist and the roll
are the participation engine's: a course is an offering (`Course.offering`), each session a child
offering (`Session.offering`); people register once, on the course, and attend each session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.college.permissions import MANAGE_COLLEGE, VIEW_COLLEGE
from linli.core.scoping import Scope, TenantModel

WEEKDAYS = [
    (0, _("周一")), (1, _("周二")), (2, _("周三")), (3, _("周四")), (4, _("周五")), (5, _("周六")), (6, _("周日")),
]  # fmt: skip
SUBJECTS = ["书画", "书法", "舞蹈", "插画", "健身", "太极拳", "八段锦", "合唱", "手工", "智能手机", "健康养生", "其他"]


def _staff_q(scope: Scope) -> Q:
    return Q(community_id__in=[c for c, p in scope.perms.items() if VIEW_COLLEGE in p or MANAGE_COLLEGE in p])


class Lecturer(TenantModel):
    """A teacher of the college: a resident, a volunteer, an in-service party member or from outside."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("社区居民")
        VOLUNTEER = "volunteer", _("志愿者")
        PARTY = "party", _("在职党员")
        OUTSIDE = "outside", _("外聘教师")

    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("来源"), max_length=10, choices=Kind.choices, default=Kind.RESIDENT)
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subjects = models.JSONField(_("教授科目"), default=list, blank=True)
    qualifications = models.CharField(_("资历、证书"), max_length=200, blank=True)
    availability = models.CharField(_("可授课时间"), max_length=100, blank=True)
    recommended_by = models.CharField(_("推荐人"), max_length=50, blank=True)
    active = models.BooleanField(_("在库"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("讲师")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["community", "active", "name"], name="lecturer_community")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff_q(scope) | Q(user_id=scope.user_id) if scope.user_id else _staff_q(scope)


class Term(TenantModel):
    name = models.CharField(_("学期"), max_length=50)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))

    class Meta(TenantModel.Meta):
        verbose_name = _("学期")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff_q(scope)


class Course(TenantModel):
    """A course of a term: a weekly rule (weekday, hours, how many sessions) and the enrolment cap."""

    class Status(models.TextChoices):
        OPEN = "open", _("报名中")
        RUNNING = "running", _("开课中")
        DONE = "done", _("已结课")
        CANCELLED = "cancelled", _("已取消")

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="courses", verbose_name=_("学期"))
    title = models.CharField(_("课程名称"), max_length=60)
    subject = models.CharField(_("科目"), max_length=20)
    lecturer = models.ForeignKey(Lecturer, on_delete=models.PROTECT, related_name="courses", verbose_name=_("讲师"))
    venue = models.CharField(_("上课地点"), max_length=100)
    room = models.ForeignKey(
        "venues.Thing", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("教室")
    )  # its sessions take the room in venues' calendar (college/occupancy.py)
    capacity = models.PositiveSmallIntegerField(_("名额"), default=30)
    weekday = models.PositiveSmallIntegerField(_("每周"), choices=WEEKDAYS)
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    sessions_planned = models.PositiveSmallIntegerField(_("课次"), default=12)
    first_date = models.DateField(_("首次上课日期"))
    completion_percent = models.PositiveSmallIntegerField(_("结业出勤率（%）"), default=80)
    age_min = models.PositiveSmallIntegerField(_("最小年龄"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("最大年龄"), null=True, blank=True)
    description = models.TextField(_("课程介绍"), blank=True, max_length=2000)
    project = models.ForeignKey(
        "volunteering.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("志愿服务项目"),
    )  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    offering = models.OneToOneField("participation.Offering", on_delete=models.PROTECT, null=True, related_name="+")
    public = models.BooleanField(_("向居民公开报名"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("课程")
        ordering = ["weekday", "starts_at", "pk"]
        indexes = [models.Index(fields=["community", "term", "status"], name="course_term")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff_q(scope) | Q(lecturer__user_id=scope.user_id) if scope.user_id else _staff_q(scope)


class Session(TenantModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("待上课")
        HELD = "held", _("已上课")
        CANCELLED = "cancelled", _("已取消")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("第几次"))
    date = models.DateField(_("日期"))
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    moved_from = models.DateField(null=True, blank=True)
    workday_swap = models.BooleanField(default=False)  # 调休上班日
    holiday_unknown = models.BooleanField(default=False)  # the holiday table does not know this year
    note = models.CharField(_("说明"), max_length=200, blank=True)
    offering = models.OneToOneField("participation.Offering", on_delete=models.PROTECT, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("课次")
        ordering = ["date", "starts_at", "pk"]
        indexes = [models.Index(fields=["community", "date"], name="session_day")]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="session_number_once")]

    def __str__(self) -> str:
        return f"{self.course_id}#{self.number}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff_q(scope) | Q(course__lecturer__user_id=scope.user_id) if scope.user_id else _staff_q(scope)


class Resource(TenantModel):
    """The resource pool (资源库): materials, rooms and equipment the courses need."""

    class Kind(models.TextChoices):
        MATERIAL = "material", _("教材、耗材")
        ROOM = "room", _("场地")
        EQUIPMENT = "equipment", _("器材")

    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.MATERIAL)
    quantity = models.PositiveIntegerField(_("数量"), default=1)
    provider = models.CharField(_("提供方"), max_length=60, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("资源")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff_q(scope)


class CourseResource(TenantModel):
    """A resource a course uses (a through row keyed to the community, as every tenant row)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="resource_uses")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="uses")
    quantity = models.PositiveIntegerField(_("数量"), default=1)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["course", "resource"], name="course_resource_once")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff_q(scope)
