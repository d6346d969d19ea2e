"""A throwaway PostgreSQL 15 cluster of a test's own, as scripts/with_postgres.sh makes one: initdb
into a temporary directory (C.UTF-8, which Chinese search needs), pg_ctl on a private socket with no
TCP listener, as the postgres user (runuser) when run as root. Used by test_ops_restart (a restart
under a running worker) and test_bundle (the installed copy walked through DEPLOY.md)."""

import contextlib
import os
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def until(what: str, condition, *, within: float = 40.0, step: float = 0.2):
    """condition()'s first true value, polled every step seconds; fails after within seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")


class Cluster:
    def __init__(self):
        if not (PGBIN / "initdb").exists():
            pytest.fail(f"PostgreSQL server binaries not found in {PGBIN} (apt-get install postgresql-15)")
        self.dir = Path(tempfile.mkdtemp(prefix="linli-pgr-"))
        self.port = 20000 + random.randrange(20000)  # noqa: S311
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_pg:
            shutil.chown(self.dir, "postgres")
        self.dir.chmod(0o700)
        self.url = f"postgres://linli@/linli?host={self.dir}&port={self.port}"
        self.dsn = f"host={self.dir} port={self.port} user=linli dbname=linli"

    def run(self, *args):
        subprocess.run([*self.as_pg, *args], check=True, capture_output=True)

    def pg_ctl(self, *args):
        options = (
            f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off -c max_connections=30"
            " -c max_locks_per_transaction=256"
        )
        self.run(
            str(PGBIN / "pg_ctl"), "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "-o", options, *args
        )

    def start(self):
        self.run(
            str(PGBIN / "initdb"),
            "-D",
            str(self.dir / "data"),
            "-U",
            "linli",
            "--auth=trust",
            "--locale=C.UTF-8",
            "-E",
            "UTF8",
        )
        self.pg_ctl("start")
        self.run(str(PGBIN / "createdb"), "-h", str(self.dir), "-p", str(self.port), "-U", "linli", "linli")

    def stop(self):
        subprocess.run([*self.as_pg, str(PGBIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql: str, *params):
        try:
            with psycopg.connect(self.dsn, connect_timeout=2) as conn:
                return conn.execute(sql, params).fetchone()
        except psycopg.OperationalError:
            return None  # restarting


@contextlib.contextmanager
def running_cluster():
    """A started Cluster, stopped and removed afterwards (a fixture's body)."""
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
