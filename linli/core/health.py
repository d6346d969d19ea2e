"""GET /healthz for load balancers and supervisors: cheap, no session, no personal data.

200 with the checks as JSON when all pass, 503 naming the ones that failed:
- database: a round trip (SELECT 1);
- task_queue: the oldest task waiting in django_tasks_db's table (LINLI_HEALTH_MAX_QUEUE_AGE);
- periodic: the last successful round of `manage.py periodic` (LINLI_HEALTH_MAX_PERIODIC_AGE);
- disk: free space under the var, media and import roots (LINLI_HEALTH_MIN_FREE_MB)."""

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

PERIODIC_MARK = "sweep_case_deadlines"  # runs every round


def _database() -> dict:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _task_queue(now) -> dict:
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (now - oldest).total_seconds() if oldest else 0.0
    return {
        "ok": age <= settings.HEALTH_MAX_QUEUE_AGE,
        "queued": ready.count(),
        "oldest_seconds": round(age),
    }


def _periodic(now) -> dict:
    from linli.core.models import PeriodicJob

    last = PeriodicJob.objects.filter(name=PERIODIC_MARK).values_list("last_success_at", flat=True).first()
    if last is None:
        return {"ok": False, "last_success_seconds": None}
    age = (now - last).total_seconds()
    return {"ok": age <= settings.HEALTH_MAX_PERIODIC_AGE, "last_success_seconds": round(age)}


def disk_roots() -> dict[str, Path]:
    return {
        "var": Path(settings.LINLI_VAR_DIR),
        "media": Path(settings.MEDIA_ROOT),
        "imports": Path(settings.IMPORT_ROOT),
    }


def _disk() -> dict:
    free = {}
    for name, root in disk_roots().items():
        existing = next((p for p in (root, *root.parents) if p.exists()), root)
        free[name] = shutil.disk_usage(existing).free // (1 << 20)
    return {"ok": all(mb >= settings.HEALTH_MIN_FREE_MB for mb in free.values()), "free_mb": free}


def checks() -> dict[str, dict]:
    now = timezone.now()
    results: dict[str, dict] = {}
    for name, check in (
        ("database", _database),
        ("task_queue", lambda: _task_queue(now)),
        ("periodic", lambda: _periodic(now)),
        ("disk", _disk),
    ):
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - a failing check is reported, not raised
            results[name] = {"ok": False, "error": type(exc).__name__}
    return results


@never_cache
@require_safe
def healthz(request):
    results = checks()
    failed = [name for name, result in results.items() if not result["ok"]]
    body = {"status": "fail" if failed else "ok", "failed": failed, "checks": results}
    return JsonResponse(body, status=503 if failed else 200)
