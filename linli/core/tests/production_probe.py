"""Run in a subprocess by test_production.py under config.settings.production, after collectstatic
and migrate: serves pages through the whole middleware stack with DEBUG off and prints one JSON line
of what each answered."""

import json
import os
import re

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup()

from django.conf import settings  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402

from linli.core.tests.world import PASSWORD, build_world  # noqa: E402


def main() -> None:
    assert not settings.DEBUG
    build_world()
    client = Client(HTTP_HOST="localhost")
    asset = static("vendor/bootstrap/bootstrap.min.css")
    sign_in = {"username": "building", "password": PASSWORD}  # a role no second-factor rule covers
    login_page = client.get("/accounts/login/", secure=True)
    answers = {
        "login": login_page.status_code,
        "csp": login_page.get("Content-Security-Policy", ""),
        "permissions": login_page.get("Permissions-Policy", ""),
        "admin_login": client.get("/django-admin/login/", secure=True).status_code,
        "docs": client.get("/api/v1/docs", secure=True).status_code,
        "asset": client.get(asset, secure=True).status_code,
        "asset_hashed": bool(re.search(r"\.[0-9a-f]{12}\.css$", asset)),
        "sign_in": client.post("/accounts/login/", sign_in, secure=True).status_code,
        "home": client.get("/", secure=True).status_code,
        "residents": client.get("/people/residents/", secure=True).status_code,
        "case_intake": client.get("/cases/new/", secure=True).status_code,
    }
    worker = client.get("/care/sw.js", secure=True)  # the grid workers' offline visits
    cached = json.loads(re.search(r"const ASSETS = (\[.*?\]);", worker.content.decode(), re.S).group(1))
    answers["care_worker"] = (worker.status_code, worker["Content-Type"].split(";")[0])
    answers["care_worker_assets"] = sorted({client.get(a, secure=True).status_code for a in cached})
    answers["care_manifest"] = client.get("/care/manifest.webmanifest", secure=True)["Content-Type"]
    answers["orgs"] = client.get("/orgs/", secure=True).status_code
    language = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True).status_code
    answers["set_language"] = language
    answers["cookies"] = {
        name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "samesite": c["samesite"]}
        for name, c in client.cookies.items()
    }
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
