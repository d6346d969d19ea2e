"""The offline bundle (`make bundle`): built for x86_64 (its wheels cached under var/bundle-cache, so
only the first run downloads), unpacked, installed into a fresh virtualenv by its install.sh with
`pip --no-index`; the installed copy passes `manage.py check --deploy` under the production
settings, and, against a PostgreSQL 15 cluster of the test's own (linli.core.tests.pgcluster),
serves as linli-web.service starts it behind the shipped nginx site the login page, a static file,
an operator's login over HTTPS and a /healthz all ok, with the worker (linli-worker.service) running
a queued task and a timer's job (linli-job@.service) recorded. Marked `bundle`: `make test` runs it
once, with the SQLite pass (it needs no Django test database)."""

import base64
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
import tarfile
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from linli.core.tests.nginx_site import free_port, request, running_site, wait_for_port
from linli.core.tests.pgcluster import running_cluster, until

ROOT = Path(settings.BASE_DIR)
DEV_ONLY = {"pytest", "pytest-django", "playwright", "hypothesis", "factory-boy", "faker", "ruff", "schemathesis"}

pytestmark = pytest.mark.bundle


def lock_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split()[0].split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "--arch", "x86_64", "--out", str(work / "dist"),
         "--cache", str(ROOT / "var" / "bundle-cache")],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (bundle,) = (work / "dist").glob("linli-*.tar")
    with tarfile.open(bundle) as tar:
        tar.extractall(work / "unpacked", filter="data")
    (top,) = (work / "unpacked").iterdir()
    prefix = work / "opt"
    # No PIP_* of this machine reaches the install: install.sh must find everything in the bundle.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    result = subprocess.run(
        [str(top / "install.sh"), "--activate", str(prefix)], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return top, prefix / "current"


def production_env(var: Path, current: Path) -> dict[str, str]:
    key = base64.b64encode(os.urandom(32)).decode()
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "LINLI_FIELD_KEYS": f"k1:aes-256-gcm:{key}",
        "LINLI_BLIND_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
        "LINLI_VAR_DIR": str(var),
        "STATIC_ROOT": str(current / "static"),
        "ALLOWED_HOSTS": "linli.test",
        "DATABASE_URL": f"sqlite:///{var}/db.sqlite3",
    }


def test_the_installed_copy_passes_the_deploy_checks_under_production_settings(installed, tmp_path):
    _top, current = installed
    python = current / "venv" / "bin" / "python"
    env = production_env(tmp_path, current)
    check = subprocess.run(
        [str(python), "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=current / "app", env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert "no issues" in check.stdout
    where = subprocess.run(
        [str(python), "-c", "import django, linli; print(linli.__file__); print(django.__file__)"],
        cwd=current / "app", env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert all(Path(path).resolve().is_relative_to(current.resolve()) for path in where), where
    migrate = subprocess.run(
        [str(python), "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=current / "app", env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr


def test_the_bundle_holds_the_runtime_set_only_at_the_locked_versions(installed):
    _top, current = installed
    listed = subprocess.run(
        [str(current / "venv" / "bin" / "python"), "-m", "pip", "list", "--format=json"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    have = {item["name"].lower().replace("_", "-"): item["version"] for item in json.loads(listed)}
    runtime = lock_pins(ROOT / "requirements" / "runtime.txt")
    assert {name: have.get(name) for name in runtime} == runtime
    assert DEV_ONLY & set(have) == set()
    assert set(have) - set(runtime) <= {"pip", "setuptools", "wheel"}


def test_the_bundle_has_its_parts_and_no_tests(installed):
    top, current = installed
    assert (current / "static" / "staticfiles.json").exists()  # manifest storage's map
    assert (current / "app" / "locale" / "en" / "LC_MESSAGES" / "django.mo").exists()
    assert (current / "app" / "deploy" / "systemd" / "linli-web.service").exists()
    app_files = [p.relative_to(current / "app").as_posix() for p in (current / "app").rglob("*") if p.is_file()]
    assert not [name for name in app_files if "/tests/" in name or name == "conftest.py"]
    info = json.loads((top / "BUNDLE.json").read_text())
    assert info["arches"] == ["x86_64"] and any(name.startswith("jieba-") for name in info["wheels"])
    sums = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=top, capture_output=True, text=True)
    assert sums.returncode == 0, sums.stdout + sums.stderr


def template_env(var: Path, current: Path) -> dict[str, str]:
    """deploy/linli.env.example as shipped, with its blanks filled and the paths moved under tmp."""
    env = {"PATH": "/usr/bin:/bin"}
    for line in (ROOT / "deploy" / "linli.env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    filled = production_env(var, current)
    env.update({key: filled[key] for key in ("SECRET_KEY", "LINLI_FIELD_KEYS", "LINLI_BLIND_INDEX_KEY",
                                             "LINLI_VAR_DIR", "STATIC_ROOT", "DATABASE_URL")})  # fmt: skip
    return env


def cookies_of(response) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def unit_command(name: str, current: Path, instance: str = "") -> list[str]:
    """The ExecStart of deploy/systemd/NAME, with /opt/linli/current moved to the installed copy."""
    unit = (ROOT / "deploy" / "systemd" / name).read_text()
    exec_start = re.search(r"^ExecStart=(.+)$", unit, flags=re.MULTILINE).group(1)
    return shlex.split(exec_start.replace("/opt/linli/current", str(current)).replace("%i", instance))


def stop(processes) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def cluster():
    with running_cluster() as started:
        yield started


def test_the_installed_copy_serves_behind_the_shipped_nginx_and_an_operator_logs_in(installed, cluster, tmp_path):
    """DEPLOY.md's path: the env template against a PostgreSQL 15 of the test's own, migrate,
    createsuperuser, gunicorn, the worker and a timer's job as their units start them, the nginx site
    in front; the login page, a static file, a login over HTTPS, /healthz all ok and a task run."""
    _top, current = installed
    env = {**template_env(tmp_path, current), "DATABASE_URL": cluster.url}
    python = str(current / "venv" / "bin" / "python")
    manage = {"cwd": current / "app", "capture_output": True, "text": True, "check": True}
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, **manage)
    password = secrets.token_urlsafe(16)
    subprocess.run(
        [python, "manage.py", "createsuperuser", "--noinput", "--username", "operator", "--email", "op@example.org"],
        env={**env, "DJANGO_SUPERUSER_PASSWORD": password}, **manage,
    )  # fmt: skip
    port = free_port()
    (tmp_path / "nginx").mkdir()
    web = [arg.replace(":8000", f":{port}") for arg in unit_command("linli-web.service", current)]
    logs = {name: (tmp_path / f"{name}.log").open("w") for name in ("gunicorn", "worker")}
    processes = []
    try:
        gunicorn = subprocess.Popen(web, cwd=current / "app", env=env, stderr=logs["gunicorn"])
        processes.append(gunicorn)
        worker = subprocess.Popen(unit_command("linli-worker.service", current), cwd=current / "app", env=env,
                                  stdout=logs["worker"], stderr=subprocess.STDOUT)  # fmt: skip
        processes.append(worker)
        # One timer's run, as linli-job@sweep_case_deadlines.service does it: recorded for /healthz.
        job = subprocess.run(unit_command("linli-job@.service", current, "sweep_case_deadlines"), env=env,
                             cwd=current / "app", capture_output=True, text=True, timeout=120)  # fmt: skip
        assert job.returncode == 0, job.stderr[-3000:]
        code = "from linli.core.tasks import ping; print(ping.enqueue().id)"
        queued = subprocess.run([python, "manage.py", "shell", "--no-imports", "-c", code], env=env, **manage)
        task_id = queued.stdout.strip().splitlines()[-1]
        status = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s"
        until("the worker to run the queued task", lambda: (cluster.query(status, task_id) or [""])[0] == "SUCCESSFUL",
              within=120)  # fmt: skip
        assert worker.poll() is None
        wait_for_port(port, gunicorn, "gunicorn")
        with running_site(tmp_path / "nginx", upstream_port=port, static_dir=current / "static") as (_, https):
            page, html = request(https, "GET", "/accounts/login/")
            assert page.status == 200, (tmp_path / "gunicorn.log").read_text()[-3000:]
            html = html.decode()
            stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html).group(1)
            asset, _ = request(https, "GET", stylesheet)
            assert asset.status == 200 and "immutable" in asset.getheader("Cache-Control")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            jar = cookies_of(page)
            form = urlencode({"csrfmiddlewaretoken": token, "username": "operator", "password": password})
            login, body = request(https, "POST", "/accounts/login/", body=form.encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
                "Origin": "https://linli.example.org", "Referer": "https://linli.example.org/accounts/login/",
            })  # fmt: skip
            assert login.status == 302, body[:2000]
            assert not login.getheader("Location").startswith("/accounts/login/")
            session = cookies_of(login)
            assert "sessionid" in session
            assert "Secure" in " ".join(login.headers.get_all("Set-Cookie"))
            health, body = request(https, "GET", "/healthz", source="127.0.0.1")
            report = json.loads(body)
            assert health.status == 200, report
            assert report["status"] == "ok" and report["failed"] == []
            checks = report["checks"]
            assert checks["database"]["ok"] and checks["periodic"]["ok"] and checks["task_queue"]["ok"], checks
            assert checks["periodic"]["last_success_seconds"] is not None
            assert checks["task_queue"]["queued"] == 0
    finally:
        stop(processes)
        for log in logs.values():
            log.close()
