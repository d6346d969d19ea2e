"""Queries per staff page on the loaded demo, as each demo account, the second request of a session
(the first builds and keeps the scope; core/scope_stamps.py). Counts, not times: the same on any
machine for the same demo. Run after `make run` has loaded the demo (or on any database):

    .venv/bin/python benchmarks/page_queries.py [--user xianhu.worker] [--show]

The floor is what any logged-in Django page costs: the session and the user (2 queries).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [
    "/",
    "/people/residents/",
    "/people/residents/?q=王芳",
    "/people/households/",
    "/places/compounds/",
    "/places/buildings/",
    "/cases/",
    "/volunteering/",
    "/volunteering/volunteers/",
    "/party/",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="xianhu.worker")
    parser.add_argument("--show", action="store_true", help="print each query")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    print(f"| page ({args.user}) | status | queries |\n| --- | --- | --- |")
    for url in PAGES:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        print(f"| `{url}` | {status} | {len(queries)} |")
        if args.show:
            for query in queries.captured_queries:
                print("    ", query["sql"][:160])


if __name__ == "__main__":
    main()
