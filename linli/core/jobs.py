"""Interrupted imports: the worker (`manage.py worker`), `manage.py periodic` and their tests reach
the liveness of import runs under this name. The code lives in the import engine
(`linli.core.imports.liveness`, re-run in `linli.core.imports.services`); this module only names it."""

from linli.core.imports.liveness import (
    PHASE_STATUS,
    Status,
    alive,
    beat,
    held,
    interrupted_message,
    is_interrupted,
    last_sign,
    mark_interrupted,
    mark_interrupted_by_id,
    running,
    stale_after,
    start,
    sweep_interrupted,
    touch,
)
from linli.core.imports.liveness import can_rerun_failed as can_rerun
from linli.core.imports.services import import_rerun

__all__ = [
    "PHASE_STATUS",
    "Status",
    "alive",
    "beat",
    "can_rerun",
    "held",
    "import_rerun",
    "interrupted_message",
    "is_interrupted",
    "last_sign",
    "mark_interrupted",
    "mark_interrupted_by_id",
    "running",
    "stale_after",
    "start",
    "sweep_interrupted",
    "touch",
]
