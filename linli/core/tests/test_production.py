"""The production path as an operator runs it: production settings (manifest static storage, DEBUG
off), collectstatic, check --deploy, migrate, then the pages served. Slow (a few subprocesses), so
everything is checked in one test."""

import base64
import json
import os
import subprocess
import sys

import pytest

from config.env import BASE_DIR


def _production_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DEBUG="false",
        SECRET_KEY="p" * 30 + "Q9!x" * 10,
        LINLI_FIELD_KEYS="k1:aes-256-gcm:" + base64.b64encode(b"f" * 32).decode(),
        LINLI_BLIND_INDEX_KEY=base64.b64encode(b"i" * 32).decode(),
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        LINLI_VAR_DIR=str(tmp_path / "var"),
    )
    return env


def _run(command: list[str], env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=BASE_DIR, check=False)
    assert result.returncode == 0, f"{command}: {result.stderr[-3000:]}{result.stdout[-3000:]}"
    return result


@pytest.mark.once  # its own SQLite file, whichever pass runs it
def test_production_settings_collect_static_pass_the_deploy_check_and_serve_pages(tmp_path):
    env = _production_env(tmp_path)
    manage = [sys.executable, "manage.py"]
    _run([*manage, "collectstatic", "--noinput", "-v", "0"], env)
    assert (tmp_path / "static" / "staticfiles.json").exists()
    checked = _run([*manage, "check", "--deploy", "--fail-level", "WARNING"], env)
    assert "System check identified no issues" in checked.stdout
    _run([*manage, "migrate", "--noinput", "-v", "0"], env)
    served = _run([sys.executable, "-m", "linli.core.tests.production_probe"], env)
    answers = json.loads(served.stdout.strip().splitlines()[-1])
    assert "script-src 'self'" in answers.pop("csp") and "camera=()" in answers.pop("permissions")
    flags = {"secure": True, "httponly": True, "samesite": "Lax"}
    assert answers.pop("cookies") == {"sessionid": flags, "csrftoken": flags, "django_language": flags}
    assert answers == {
        "login": 200,
        "admin_login": 200,
        "docs": 200,
        "asset": 200,
        "asset_hashed": True,
        "sign_in": 302,
        "home": 200,
        "residents": 200,
        "case_intake": 200,
        "care_worker": [200, "text/javascript"],
        "care_worker_assets": [200],
        "care_manifest": "application/manifest+json",
        "orgs": 200,
        "set_language": 302,
    }


def test_seed_demo_refuses_outside_debug_and_writes_nothing(db, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from linli.tenancy.models import Community

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--i-know-this-is-a-demo") as refused:
        call_command("seed_demo", scale=0.05)
    assert "演示" in str(refused.value)
    assert not get_user_model().objects.exists() and not Community.objects.exists()


@pytest.mark.once
def test_seed_demo_refusal_exits_non_zero(tmp_path):
    env = _production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"], capture_output=True, text=True, env=env, cwd=BASE_DIR, check=False
    )
    assert result.returncode != 0 and "--i-know-this-is-a-demo" in result.stderr
