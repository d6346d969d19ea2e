"""In-app notices about cases."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from linli.cases.models.case import Case
from linli.cases.models.parts import CaseEvent
from linli.core.scoping import Scope, TenantModel


class Notice(TenantModel):
    """A note to one user about a case: assigned to you, due soon, overdue, escalated."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=CaseEvent.Kind.choices)
    text = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="casenotice_unread")]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
