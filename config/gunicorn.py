"""Gunicorn settings read by deploy/systemd/linli-web.service (`-c config/gunicorn.py`).

With PROMETHEUS_MULTIPROC_DIR set, each worker writes its metrics into files there; a worker that
exits must be marked dead so that its live gauges stop counting (prometheus-client's multiprocess mode).
"""

import os


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
