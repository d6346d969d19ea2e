"""Reading volunteering figures: per person, team, community and year. The person's lifetime totals
are columns of his row (one indexed read); per-year sums use the (volunteer|team|community, status,
day) indexes of the records."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone

from linli.core.scoping import tenant_join
from linli.volunteering.models import Claim, Project, ServiceRecord, Team, Volunteer


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def person_totals(volunteer: Volunteer, year: int | None = None) -> dict:
    """Lifetime (all his communities), this registration, this year, and what waits for verification."""
    year = year or timezone.localdate().year
    start, end = year_bounds(year)
    mine = ServiceRecord.objects.in_community(volunteer.community_id).filter(volunteer=volunteer)
    figures = mine.aggregate(
        year_minutes=Sum("minutes", filter=Q(status="verified", day__range=(start, end))),
        year_count=Count("pk", filter=Q(status="verified", day__range=(start, end))),
        pending_minutes=Sum("minutes", filter=Q(status="pending")),
        pending_count=Count("pk", filter=Q(status="pending")),
    )
    return {
        "year": year,
        "total_hours": volunteer.total_hours,
        "here_hours": round(volunteer.verified_minutes / 60, 1),
        "year_hours": round((figures["year_minutes"] or 0) / 60, 1),
        "year_count": figures["year_count"],
        "pending_hours": round((figures["pending_minutes"] or 0) / 60, 1),
        "pending_count": figures["pending_count"],
        "star": volunteer.star,
        "next_star": volunteer.next_star,
        "points": volunteer.points_balance,
    }


def verified_hours_in(community_id: int, volunteer_ids, year: int) -> dict[int, tuple[float, int]]:
    """Verified hours per volunteer in one year (the in-service members' commitment check)."""
    start, end = year_bounds(year)
    rows = (
        ServiceRecord.objects.in_community(community_id)
        .filter(volunteer_id__in=list(volunteer_ids), status="verified", day__range=(start, end))
        .values("volunteer_id")
        .annotate(minutes=Sum("minutes"), count=Count("pk"))
    )
    return {r["volunteer_id"]: (round(r["minutes"] / 60, 1), r["count"]) for r in rows}


def records_of(community_id: int, volunteer_ids, year: int):
    start, end = year_bounds(year)
    return (
        ServiceRecord.objects.in_community(community_id)
        .filter(volunteer_id__in=list(volunteer_ids), status="verified", day__range=(start, end))
        .order_by("volunteer_id", "started_at")
    )


def team_totals(community_id: int, year: int) -> list[dict]:
    start, end = year_bounds(year)
    sums = dict(
        ServiceRecord.objects.in_community(community_id)
        .filter(status="verified", team__isnull=False, day__range=(start, end))
        .values("team_id")
        .annotate(m=Sum("minutes"))
        .values_list("team_id", "m")
    )
    joined, members = tenant_join(Team.objects.in_community(community_id), "members", community_id)
    teams = joined.annotate(size=Count(members)).select_related("leader")
    return [{"team": t, "size": t.size, "hours": round((sums.get(t.pk) or 0) / 60, 1)} for t in teams]


def community_year(community_id: int, year: int) -> dict:
    """The year's figures for the volunteering page and the reports."""
    start, end = year_bounds(year)
    records = ServiceRecord.objects.in_community(community_id).filter(day__range=(start, end))
    done = records.filter(status="verified").aggregate(
        minutes=Sum("minutes"), count=Count("pk"), people=Count("volunteer", distinct=True)
    )
    volunteers = Volunteer.objects.in_community(community_id).filter(status="active")
    people = volunteers.aggregate(
        total=Count("pk"),
        in_service=Count("pk", filter=Q(in_service=True)),
        starred=Count("pk", filter=Q(star__gte=1)),
    )
    projects = Project.objects.in_community(community_id)
    posted = projects.filter(posted_at__date__range=(start, end))
    return {
        "year": year,
        "hours": round((done["minutes"] or 0) / 60, 1),
        "records": done["count"],
        "active_people": done["people"],
        "volunteers": people["total"],
        "in_service": people["in_service"],
        "starred": people["starred"],
        "pending": ServiceRecord.objects.in_community(community_id).filter(status="pending").count(),
        "projects_posted": posted.count(),
        "projects_claimed": Claim.objects.in_community(community_id)
        .filter(claimed_at__date__range=(start, end), status="active")
        .values("project_id")
        .distinct()
        .count(),
        "projects_done": projects.filter(status="done", evaluated_at__date__range=(start, end)).count(),
        "projects_open": projects.filter(status="open", claim_count=0).count(),
    }


def monthly_hours(community_id: int, year: int) -> list[float]:
    start, end = year_bounds(year)
    # Grouped by day (at most 366 rows) and folded into months here: SQLite extracts a month by a
    # Python function per record, which cost more than the rest of the page.
    days = (
        ServiceRecord.objects.in_community(community_id)
        .filter(status="verified", day__range=(start, end))
        .values("day")
        .annotate(minutes=Sum("minutes"))
        .values_list("day", "minutes")
    )
    months: dict[int, int] = {}
    for day, minutes in days:
        months[day.month] = months.get(day.month, 0) + (minutes or 0)
    return [round((months.get(m) or 0) / 60, 1) for m in range(1, 13)]


def star_counts(community_id: int) -> list[int]:
    counts = dict(
        Volunteer.objects.in_community(community_id)
        .filter(status="active")
        .values("star")
        .annotate(n=Count("pk"))
        .values_list("star", "n")
    )
    return [counts.get(level, 0) for level in range(6)]
