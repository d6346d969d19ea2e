"""Prometheus metrics at /metrics, behind a bearer secret (LINLI_METRICS_TOKEN; unset: 404).

Requests are counted by view name (never the raw path: ids would make a series per person) and
status, with a latency histogram, in each web process. Under gunicorn with several workers set
PROMETHEUS_MULTIPROC_DIR (an empty directory, cleared at start) and every scrape adds up all the
workers' files; without it the process's own registry is served. What lives in the database —
the task queue, imports by state, the periodic jobs — is read at scrape time, so every process
answers the same."""

import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
REQUESTS = Counter("linli_http_requests", "HTTP requests by view and status.", ["view", "method", "status"])
LATENCY = Histogram(
    "linli_http_request_duration_seconds",
    "Time to answer an HTTP request, by view.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unresolved>"
    return match.view_name or match._func_path


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_name(request)
        method = request.method if request.method in METHODS else "other"
        LATENCY.labels(view, method).observe(time.perf_counter() - started)
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        return response


class DatabaseCollector:
    """Read at scrape time; a database that cannot be read shows as linli_database_up 0."""

    def collect(self):
        up = GaugeMetricFamily("linli_database_up", "Whether the scrape could read the database.")
        try:
            families = list(self._families())
        except Exception:  # noqa: BLE001 - the scrape must still answer
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _families(self):
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        from linli.core.models import ImportJob, PeriodicJob

        now = timezone.now()
        ready = DBTaskResult.objects.ready()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        depth = GaugeMetricFamily("linli_task_queue_depth", "Tasks waiting for a worker.")
        depth.add_metric([], ready.count())
        yield depth
        age = GaugeMetricFamily("linli_task_queue_oldest_seconds", "Age of the oldest waiting task.")
        age.add_metric([], (now - oldest).total_seconds() if oldest else 0)
        yield age
        running = GaugeMetricFamily("linli_tasks_running", "Tasks a worker is running.")
        running.add_metric([], DBTaskResult.objects.running().count())
        yield running
        imports = GaugeMetricFamily("linli_imports", "Spreadsheet imports by state.", labels=["status"])
        counts = dict(ImportJob.objects.unscoped().values_list("status").annotate(n=Count("id")).order_by())
        for status in ImportJob.Status.values:
            imports.add_metric([status], counts.get(status, 0))
        yield imports
        runs = CounterMetricFamily("linli_periodic_runs", "Runs of each periodic job.", labels=["job"])
        failures = CounterMetricFamily("linli_periodic_failures", "Failed runs of each periodic job.", labels=["job"])
        last = GaugeMetricFamily(
            "linli_periodic_last_success_timestamp_seconds", "When each periodic job last succeeded.", labels=["job"]
        )
        for job in PeriodicJob.objects.all():
            runs.add_metric([job.name], job.runs)
            failures.add_metric([job.name], job.failures)
            if job.last_success_at:
                last.add_metric([job.name], job.last_success_at.timestamp())
        yield runs
        yield failures
        yield last


class _ProcessRegistry:
    def collect(self):
        yield from REGISTRY.collect()


def registry() -> CollectorRegistry:
    scrape = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(scrape)
    else:
        scrape.register(_ProcessRegistry())
    scrape.register(DatabaseCollector())
    return scrape


@never_cache
def metrics_view(request):
    token = settings.LINLI_METRICS_TOKEN
    if not token:
        raise Http404
    if not constant_time_compare(request.headers.get("Authorization", ""), f"Bearer {token}"):
        response = HttpResponse("unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
