"""Every staff list page and API list against a bare Django page, under gunicorn with the production
settings (DEBUG off, static files collected, cached templates), and each page's SQL time for one
community whether the city around it is small or large.

    .venv/bin/python benchmarks/pages.py                     # the loaded demo (SQLite, `make run`)
    scripts/with_postgres.sh .venv/bin/python benchmarks/pages.py --city 200000 --communities 18

The bare page (benchmarks/pages_bare/bare_urls.py) sits behind the same middleware and session:
one query, one template, a body of the same size as the page it is compared with. Each page is
interleaved with it in rounds; CPU per request is read from the workers' own counters
(/proc/<pid>/stat, user + system), so the client's share of the two cores is not counted.

--city N: on an empty database (the throwaway PostgreSQL cluster), loads the demo, measures the SQL
time of 仙湖's pages (in-process, summed query durations), then adds a city of N residents in
--communities more communities under one street and measures again; then the gunicorn part runs on
the whole city. A supervisor of that street (bench.street) reads its overview.
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(os.environ.get("LINLI_VAR_DIR", ROOT / "var"))
if not os.environ.get("SECRET_KEY"):
    secret_file = VAR / "secret-key.txt"
    os.environ["SECRET_KEY"] = secret_file.read_text().strip() if secret_file.exists() else secrets.token_urlsafe(60)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]

WORKER, SECRETARY, STREET = "xianhu.worker", "xianhu.secretary", "danzao.supervisor"
PAGES = [
    ("/", WORKER),
    ("/people/residents/", WORKER),
    ("/people/residents/?q=王芳", WORKER),
    ("/people/households/", WORKER),
    ("/places/compounds/", WORKER),
    ("/places/buildings/", WORKER),
    ("/places/grids/", WORKER),
    ("/cases/", WORKER),
    ("/volunteering/", WORKER),
    ("/volunteering/volunteers/", WORKER),
    ("/volunteering/records/", WORKER),
    ("/volunteering/teams/", WORKER),
    ("/volunteering/projects/", WORKER),
    ("/volunteering/duties/", WORKER),
    ("/party/", SECRETARY),
    ("/party/report-ins/", SECRETARY),
    ("/meetings/", WORKER),
    ("/staff/", SECRETARY),
    ("/reports/", STREET),
    ("/reports/communities/{xianhu}/", STREET),
    ("/api/v1/residents?community_id={xianhu}", WORKER),
    ("/api/v1/households?community_id={xianhu}", WORKER),
    ("/api/v1/compounds?community_id={xianhu}", WORKER),
    ("/api/v1/buildings?community_id={xianhu}", WORKER),
    ("/api/v1/grids?community_id={xianhu}", WORKER),
    ("/api/v1/cases?community_id={xianhu}", WORKER),
    ("/api/v1/volunteering/volunteers?community_id={xianhu}", WORKER),
    ("/api/v1/volunteering/records?community_id={xianhu}", WORKER),
    ("/api/v1/volunteering/projects?community_id={xianhu}", WORKER),
    ("/api/v1/party/members?community_id={xianhu}", SECRETARY),
]


def _xianhu_id() -> int:
    from linli.tenancy.models import Community

    return Community.objects.get(code="xianhu").pk


def _pages(only: str | None) -> list[tuple[str, str]]:
    xianhu = _xianhu_id()
    pages = [(url.format(xianhu=xianhu), user) for url, user in PAGES]
    return [p for p in pages if not only or only in p[0]]


# -- SQL time in-process ---------------------------------------------------------------------------


def sql_times(pages, rounds: int) -> dict[tuple[str, str], tuple[float, int]]:
    """Median summed query time (ms) and the query count of each page, the session's second visit.
    On PostgreSQL the planner's statistics are brought up to date first (as autovacuum would after
    a load): right after `seed_demo`, without them, the compound and building lists took 0.8-1.5 s."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    clients: dict[str, Client] = {}
    result = {}
    for url, username in pages:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(get_user_model().objects.get(username=username))
        client.get(url)
        spent: list[float] = []
        counts: list[int] = []
        for _ in range(rounds):
            total = [0.0, 0]

            def timer(execute, sql, params, many, context, total=total):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    total[0] += time.perf_counter() - start
                    total[1] += 1

            with connection.execute_wrapper(timer):
                client.get(url)
            spent.append(total[0] * 1000)
            counts.append(total[1])
        result[(url, username)] = (statistics.median(spent), max(counts))
    return result


# -- gunicorn --------------------------------------------------------------------------------------


def _keys_env() -> dict:
    keys = {"LINLI_FIELD_KEYS": settings.FIELD_KEYS, "LINLI_BLIND_INDEX_KEY": settings.BLIND_INDEX_KEY}
    key_file = VAR / "field-keys.json"
    if not all(keys.values()) and key_file.exists():
        data = json.loads(key_file.read_text())
        keys = {"LINLI_FIELD_KEYS": data["field_keys"], "LINLI_BLIND_INDEX_KEY": data["blind_index_key"]}
    return keys


def _production_env(static_root: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        _keys_env(),
        DJANGO_SETTINGS_MODULE="bare_settings",
        PYTHONPATH=f"{ROOT / 'benchmarks' / 'pages_bare'}:{ROOT}",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LINLI_REQUIRE_2FA="false",
        STATIC_ROOT=static_root,
        LOG_LEVEL="ERROR",
    )
    return env


def _cpu_ticks(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total


def _get(port: int, url: str, cookie: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "GET",
        quote(url, safe="/?=&"),
        headers={"Cookie": f"sessionid={cookie}", "Accept-Language": "zh-CN", "X-Forwarded-Proto": "https"},
    )
    response = conn.getresponse()
    size = len(response.read())
    conn.close()
    return response.status, size


def serve_and_measure(pages, rounds: int, per_round: int, workers: int) -> list[dict]:
    static_root = tempfile.mkdtemp(prefix="linli-bench-static-")
    env = _production_env(static_root)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    cookies = {}
    for username in {user for _, user in pages}:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookies[username] = client.cookies["sessionid"].value
    port = 18000 + secrets.randbelow(1000)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=ROOT, env=env,
    )  # fmt: skip
    rows = []
    try:
        for _ in range(150):
            try:
                _get(port, "/healthz", "")
                break
            except OSError:
                time.sleep(0.2)
        tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
        for url, username in pages:
            cookie = cookies[username]
            status, size = _get(port, url, cookie)
            bare = f"/__bare/?size={size}"
            for _ in range(3):  # warm both in every worker
                _get(port, url, cookie)
                _get(port, bare, cookie)
            cpu = {"page": 0, "bare": 0}
            wall = {"page": 0.0, "bare": 0.0}
            for _ in range(rounds):
                for kind, target in (("page", url), ("bare", bare)):
                    before, start = _cpu_ticks(server.pid), time.perf_counter()
                    for _ in range(per_round):
                        _get(port, target, cookie)
                    wall[kind] += time.perf_counter() - start
                    cpu[kind] += _cpu_ticks(server.pid) - before
            n = rounds * per_round
            rows.append(
                {
                    "url": url,
                    "user": username,
                    "status": status,
                    "bytes": size,
                    "cpu_ms": cpu["page"] * tick_ms / n,
                    "bare_ms": cpu["bare"] * tick_ms / n,
                    "rps": n / wall["page"],
                    "bare_rps": n / wall["bare"],
                }
            )
            row = rows[-1]
            print(
                f"  {url} ({username}): {status}, {size} B, {row['cpu_ms']:.1f} vs {row['bare_ms']:.1f} ms CPU",
                file=sys.stderr,
            )
    finally:
        server.terminate()
        server.wait(10)
    return rows


def print_cpu_table(rows, queries: dict[tuple[str, str], tuple[float, int]]) -> None:
    print("| page | as | linli CPU ms/req | bare | linli ÷ bare | req/s (bare) | queries |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        ratio = row["cpu_ms"] / row["bare_ms"] if row["bare_ms"] else float("nan")
        count = queries.get((row["url"], row["user"]), (0, "–"))[1]
        status = "" if row["status"] == 200 else f" ({row['status']})"
        print(
            f"| `{row['url']}`{status} | {row['user']} | {row['cpu_ms']:.1f} | {row['bare_ms']:.1f} | {ratio:.2f}× "
            f"| {row['rps']:.0f} ({row['bare_rps']:.0f}) | {count} |"
        )


def build_city(residents: int, communities: int) -> None:
    from linli.tenancy.models import Community, Membership, Region

    if not Community.objects.filter(code="xianhu").exists():
        print("loading the demo …", file=sys.stderr)
        call_command("seed_demo")
    started = time.perf_counter()
    print(f"generating {residents} residents in {communities} communities …", file=sys.stderr)
    call_command("generate_population", communities=communities, residents=residents, prefix="bench", verbosity=0)
    print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr)
    street = Region.objects.filter(level=Region.Level.STREET, communities__code__startswith="bench").first()
    user, _ = get_user_model().objects.get_or_create(username="bench.street", defaults={"first_name": "督导"})
    Membership.objects.get_or_create(user=user, role="supervisor", region=street)


def main() -> None:
    global PAGES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="only the pages whose address contains this")
    parser.add_argument("--city", type=int, default=0, help="residents of a city to add first (empty database)")
    parser.add_argument("--communities", type=int, default=18)
    parser.add_argument("--no-serve", action="store_true", help="SQL times only")
    args = parser.parse_args()
    before = None
    if args.city:
        from linli.tenancy.models import Community

        call_command("migrate", verbosity=0)  # the throwaway cluster starts empty
        if not Community.objects.filter(code="xianhu").exists():
            call_command("seed_demo")
        before = sql_times(_pages(args.only), 7)
        build_city(args.city, args.communities)
        PAGES = [(url, user) for url, user in PAGES] + [("/reports/", "bench.street")]
    pages = _pages(args.only)
    after = sql_times(pages, 7)
    print(f"\ndatabase: {connection.vendor}; communities: {_community_count()}\n")
    if before is not None:
        print("| page (仙湖) | SQL ms, demo only | SQL ms, in the city | ratio | queries |")
        print("| --- | --- | --- | --- | --- |")
        for url, username in pages:
            if (url, username) in before:
                small, large = before[url, username][0], after[url, username][0]
                print(f"| `{url}` | {small:.1f} | {large:.1f} | {large / small:.2f}× | {after[url, username][1]} |")
        street = after["/reports/", "bench.street"]
        print(f"\nThe street overview of the city's street ({args.communities} communities): {street[0]:.1f} ms SQL, "
              f"{street[1]} queries\n")  # fmt: skip
    if not args.no_serve:
        rows = serve_and_measure(pages, args.rounds, args.per_round, args.workers)
        print_cpu_table(rows, after)


def _community_count() -> int:
    from linli.tenancy.models import Community

    return Community.objects.count()


if __name__ == "__main__":
    main()
