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


class FigureValue(models.Model):
    """A kept figure's value for one community and month (the figure catalogue's KEPT figures,
    core/figures.py): written by the periodic job, read by the dashboards, so that a street's page
    reads as many rows as it shows values instead of the cases, visits and attendance behind them.
    `part` is "" for the whole, else the part's key (a category, an age band); `weight` is the n of a
    mean or share (None for a count)."""

    community = models.ForeignKey("tenancy.Community", on_delete=models.CASCADE, related_name="+")
    figure = models.CharField(max_length=60)
    part = models.CharField(max_length=60, blank=True, default="")
    month = models.DateField()  # the month's first day
    value = models.FloatField()
    weight = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("统计数字（按月）")
        constraints = [
            models.UniqueConstraint(fields=["community", "figure", "month", "part"], name="reports_figure_value_unique")
        ]
        indexes = [models.Index(fields=["figure", "month", "community"], name="reports_fv_figure_month")]

    def __str__(self) -> str:
        return f"{self.figure}[{self.part}] {self.community_id} {self.month:%Y-%m} = {self.value}"
