"""The street's figures kept per community: one row of counts each, so the overview reads as many
rows as it has communities, however many residents live in them (issue 14). The counts are the
modules' `report_counts`; `services.refresh` writes them, the periodic job keeps them current."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityFigures(models.Model):
    community = models.OneToOneField("tenancy.Community", on_delete=models.CASCADE, related_name="+")
    counts = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("社区统计数字")

    def __str__(self) -> str:
        return f"{self.community_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
