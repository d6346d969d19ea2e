"""The college's year in figures: sessions held, person-times, distinct learners, by subject and by
age band, new citizens among them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from linli.college import selectors
from linli.college.permissions import MANAGE_COLLEGE, VIEW_COLLEGE
from linli.core.ui import id_param
from linli.tenancy.community import community_with


@login_required
def figures(request):
    community, _scope = community_with(request, VIEW_COLLEGE, MANAGE_COLLEGE)
    this_year = timezone.localdate().year
    year = id_param(request.GET.get("year")) or this_year
    year = year if 2000 <= year <= this_year + 1 else this_year
    data = selectors.year_figures([community.pk], year)
    top = max([e["times"] for e in data["by_subject"]] or [1]) or 1
    ages_top = max([n for _l, n in data["by_age"]] or [1]) or 1
    return render(request, "college/figures.html", {
        "f": data, "year": year, "years": list(range(this_year, this_year - 5, -1)),
        "subjects": [{**e, "share": round(100 * e["times"] / top)} for e in data["by_subject"]],
        "ages": [{"label": label, "n": n, "share": round(100 * n / ages_top)} for label, n in data["by_age"]],
    })  # fmt: skip
