"""Other users' writes while a large import commits (one transaction): how long each waits.

    scripts/with_postgres.sh .venv/bin/python benchmarks/writes_during_import.py --rows 30000
    DATABASE_URL= .venv/bin/python benchmarks/writes_during_import.py --rows 30000

The register of benchmarks/imports.py is prepared, uploaded and checked; then its commit runs in a
child process while this process registers a resident in another community every 0.2 s through
the same service the forms use (`resident_create`: the same tables the import writes), timing each
write, until the commit ends. On PostgreSQL the writes should not wait for the commit; on SQLite
(one writer) they wait up to SQLITE_BUSY_TIMEOUT_MS and then fail — which the web answers as 503
"系统正忙" (core/busy.py)."""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import imports as bench  # noqa: E402 - benchmarks/imports.py


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()
    bench.WORK.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DATABASE_URL"):
        (bench.WORK / "import.sqlite3").unlink(missing_ok=True)
    prepared = bench.child("prepare", args.rows)
    upload = bench.child("upload", prepared["file"])
    check = bench.child("run", upload["job"], "check")
    print(f"{args.rows:,} rows checked in {check['seconds']:.1f}s: {check['counts']}")
    bench.setup()
    from django.contrib.auth import get_user_model
    from django.db import OperationalError

    from linli.people.services import ResidentInput, resident_create
    from linli.tenancy.models import Community, Membership, Region
    from linli.tenancy.permissions import Role

    street = Region.objects.get(name="基准街道")
    other = Community.objects.create(code="bench-other", name="另一个社区", street=street)
    actor = get_user_model().objects.create_user("bench-other-secretary", password="bench-pass-2026-x")
    Membership.objects.create(user=actor, community=other, role=Role.SECRETARY)
    commit = subprocess.Popen(  # noqa: S603
        [sys.executable, str(HERE / "imports.py"), "--child", "run", str(upload["job"]), "commit"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    started = time.perf_counter()
    waits: list[float] = []
    errors = 0
    while commit.poll() is None:
        probe = time.perf_counter()
        try:
            resident_create(actor=actor, community=other, data=ResidentInput(name=f"居民{len(waits)}"))
        except OperationalError:
            errors += 1
        waits.append(time.perf_counter() - probe)
        time.sleep(0.2)
    commit_seconds = time.perf_counter() - started
    out = commit.communicate()[0]
    print(f"commit: {commit_seconds:.1f}s ({out.strip().splitlines()[-1][:160]})")
    waits.sort()
    print(
        f"{len(waits)} writes in another community meanwhile: median {statistics.median(waits) * 1000:.0f} ms, "
        f"95th {waits[int(len(waits) * 0.95)] * 1000:.0f} ms, max {waits[-1] * 1000:.0f} ms, "
        f"{errors} failed (database is locked)"
    )


if __name__ == "__main__":
    main()
