"""Invitations to take a need (a project, a duty or a case)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.volunteering.models.base import staff_q
from linli.volunteering.models.duties import Duty
from linli.volunteering.models.projects import Project
from linli.volunteering.models.volunteers import Volunteer
from linli.volunteering.scope import volunteer_scope


class Invitation(TenantModel):
    """Staff asked a volunteer to take a need (a project, a duty or a case); he answers on the phone."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待答复")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已婉拒")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="invitations")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    message = models.CharField(_("留言"), max_length=200, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["community", "sent_at"], name="invitation_recent")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope) | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)

    @property
    def need(self):
        return self.project or self.duty or self.case
