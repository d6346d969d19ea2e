"""The operator's kit in deploy/: the nginx site passes `nginx -t`, the systemd units verify, every
command they start exists, every URL the site treats apart is one of ours, and the environment
template names every variable the settings read."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.urls import Resolver404, resolve

from linli.core.tests.nginx_site import NGINX, SITE, nginx_config

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"
LONG_RUNNING = ["linli-web.service", "linli-worker.service", "linli-periodic.service"]
HARDENING = {
    "User": "linli",
    "Group": "linli",
    "EnvironmentFile": "/etc/linli/linli.env",
    "NoNewPrivileges": "yes",
    "PrivateTmp": "yes",
    "ProtectSystem": "strict",
}
# Every key the kit uses, for machines without systemd-analyze.
KNOWN_KEYS = {
    "Unit": {"Description", "Documentation", "After", "Wants"},
    "Service": {*HARDENING, "Type", "NotifyAccess", "WorkingDirectory", "ExecStart", "ExecReload", "KillMode",
                "KillSignal", "TimeoutStopSec", "Restart", "RestartSec", "UMask", "PrivateDevices", "ProtectHome",
                "ProtectKernelTunables", "ProtectKernelModules", "ProtectControlGroups", "RestrictSUIDSGID",
                "LockPersonality", "ReadWritePaths", "RuntimeDirectory", "RuntimeDirectoryMode", "Environment"},
    "Timer": {"Unit", "OnCalendar", "Persistent", "RandomizedDelaySec"},
    "Install": {"WantedBy"},
}  # fmt: skip


def parse_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{path.name}: {line!r} outside a section"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def service_units() -> list[Path]:
    return sorted(UNITS.glob("*.service"))


def manage_command(exec_start: str, instance: str | None = None) -> str | None:
    """The manage.py command an ExecStart runs (None for gunicorn)."""
    words = exec_start.replace("%i", instance or "%i").split()
    if "manage.py" not in words:
        return None
    return words[words.index("manage.py") + 1]


def test_the_kit_has_the_units_the_docs_name():
    names = {path.name for path in UNITS.iterdir()}
    assert {*LONG_RUNNING, "linli-job@.service", "linli-backup.service", "linli-backup.timer"} <= names
    assert len([name for name in names if name.endswith(".timer")]) >= 5


@pytest.mark.parametrize("unit", [path.name for path in sorted(UNITS.glob("*.service"))])
def test_every_service_is_hardened_and_reads_the_environment_file(unit):
    service = parse_unit(UNITS / unit)["Service"]
    for key, value in HARDENING.items():
        assert service.get(key) == [value], (unit, key)
    writable = " ".join(service.get("ReadWritePaths", [])).split()
    assert "/var/lib/linli" in writable
    assert service["WorkingDirectory"] == ["/opt/linli/current/app"]
    if unit in LONG_RUNNING:
        assert service["Restart"] == ["always"]
        assert parse_unit(UNITS / unit)["Install"]["WantedBy"] == ["multi-user.target"]


def test_every_command_the_units_start_exists():
    commands = get_commands()
    seen = set()
    for path in service_units():
        exec_start = parse_unit(path)["Service"]["ExecStart"][0]
        if "%i" in exec_start:
            continue  # the template: its instances are checked through the timers below
        name = manage_command(exec_start)
        if name is None:
            assert exec_start.startswith("/opt/linli/current/venv/bin/gunicorn config.wsgi ")
            continue
        assert name in commands, (path.name, name)
        seen.add(name)
    assert {"worker", "periodic", "backup"} <= seen
    from linli.core import periodic

    template = parse_unit(UNITS / "linli-job@.service")["Service"]["ExecStart"][0]
    assert template.split("manage.py ")[1] == "periodic --job %i"  # recorded as the loop records it
    for timer in sorted(UNITS.glob("*.timer")):
        sections = parse_unit(timer)
        target = sections["Timer"]["Unit"][0]
        assert sections["Timer"]["OnCalendar"], timer.name
        assert sections["Install"]["WantedBy"] == ["timers.target"]
        if target.startswith("linli-job@"):
            instance = target.removeprefix("linli-job@").removesuffix(".service")
            assert timer.name == f"linli-job@{instance}.timer", timer.name  # named by its job
            assert instance in {**periodic.every_round(), **periodic.daily()}, (timer.name, instance)
            seen.add(instance)
        else:
            assert (UNITS / target).exists(), (timer.name, target)
    # The timers run every job the periodic loop runs.
    assert {*periodic.every_round(), *periodic.daily()} <= seen


def test_systemd_analyze_verifies_every_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # a machine without systemd: at least every key must be one systemd knows
        for path in UNITS.iterdir():
            for section, keys in parse_unit(path).items():
                assert set(keys) <= KNOWN_KEYS[section], (path.name, set(keys) - KNOWN_KEYS[section])
        return
    release = tmp_path / "current"
    (release / "app").mkdir(parents=True)
    (release / "venv" / "bin").mkdir(parents=True)
    bin_dir = Path(sys.executable).parent
    for program in ("python", "gunicorn"):
        (release / "venv" / "bin" / program).symlink_to(bin_dir / program)
    units = tmp_path / "units"
    units.mkdir()
    for path in UNITS.iterdir():
        (units / path.name).write_text(path.read_text().replace("/opt/linli/current", str(release)))
    names = [p.name for p in sorted(units.iterdir()) if not p.name.endswith("@.service")]
    names.append("linli-job@sweep_case_deadlines.service")
    result = subprocess.run([analyze, "verify", *names], cwd=units, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    # Unknown keys or sections are only warnings: none may be printed.
    assert result.stderr.strip() == "", result.stderr


def test_nginx_accepts_the_shipped_site(tmp_path):
    conf = nginx_config(tmp_path)
    result = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def blocks(text: str) -> list[tuple[str, str]]:
    """The outer-level `NAME { BODY }` blocks of text, comments dropped and quoted strings kept whole."""
    text = re.sub(r"#[^\n]*", "", text)
    found, depth, head, body_start, quoted = [], 0, 0, 0, False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "{":
            if depth == 0:
                head_text, body_start = text[head:i], i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                found.append((head_text.strip(), text[body_start:i]))
                head = i + 1
        elif char == ";" and depth == 0:
            head = i + 1
    return found


def locations(site: str) -> dict[str, str]:
    """Each location's match → its body, for every location of every server block."""
    found = {}
    for head, server in blocks(site):
        if head.endswith("server"):
            for where, body in blocks(server):
                if where.startswith("location"):
                    found[where.removeprefix("location").strip()] = body
    return found


def test_the_site_limits_login_search_and_exports_on_our_urls():
    site = SITE.read_text()
    places = locations(site)
    limited = {where: re.search(r"limit_req zone=(\w+)", body) for where, body in places.items()}
    zones = {where: match.group(1) for where, match in limited.items() if match}
    assert zones == {
        "^~ /accounts/login/": "linli_login",
        "= /people/residents/": "linli_search",
        "= /api/v1/residents/search": "linli_search",
        "~ ^/(people/residents|people/households|places/buildings)/export/$": "linli_export",
    }
    for url in ["/accounts/login/", "/accounts/login/code/", "/people/residents/", "/api/v1/residents/search",
                "/people/residents/export/", "/people/households/export/", "/places/buildings/export/",
                "/imports/new/residents/", "/cases/1/do/close/"]:  # fmt: skip
        try:
            resolve(url)
        except Resolver404:
            pytest.fail(f"{url} is treated apart by the nginx site but is not one of linli's URLs")


def test_the_site_forwards_the_client_and_serves_static_but_never_media():
    site = SITE.read_text()
    for header in ("Host $host", "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme"):
        assert f"proxy_set_header {header};" in site
    places = locations(site)
    # proxy_set_header inside a location would drop the server-level ones there.
    assert all("proxy_set_header" not in body for body in places.values())
    assert "alias /opt/linli/current/static/;" in places["^~ /static/"]
    assert "return 404;" in places["^~ /media/"]
    assert str(settings.MEDIA_ROOT) not in site and "/var/lib/linli" not in site
    assert "return 301 https://$host$request_uri;" in site


def megabytes(body: str) -> int:
    return int(re.search(r"client_max_body_size (\d+)m;", body).group(1))


def test_the_site_lets_through_the_uploads_the_application_accepts():
    site = SITE.read_text()
    places = locations(site)
    https = [body for head, body in blocks(site) if head.endswith("server") and "listen 443" in body][0]
    server_level = "".join(part for part in re.split(r"location[^{]+\{", https)[:1])
    assert megabytes(server_level) * 1024 * 1024 > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert megabytes(places["^~ /imports/new/"]) * 1024 * 1024 > settings.IMPORT_MAX_BYTES
    assert megabytes(places["^~ /cases/"]) == 95


def test_nginx_lets_a_volunteers_progress_report_carry_its_photos():
    """claim_report takes up to MAX_PHOTOS (9) photos of up to 10 MB (cases.services.sniff_upload), but
    /volunteering/claims/<pk>/report/ fell under nginx's server-wide client_max_body_size 6m: two phone
    photos were an nginx 413 page."""
    from django.urls import reverse

    from linli.cases.services import MAX_FILE_BYTES
    from linli.volunteering.services import MAX_PHOTOS

    path = reverse("volunteering:claim_report", args=[1])
    sized = []
    for where, body in locations(SITE.read_text()).items():
        kind, _, match = where.partition(" ")
        fits = path.startswith(match) if kind == "^~" else kind == "~" and re.search(match, path)
        if fits and "client_max_body_size" in body:
            sized.append(megabytes(body))
    assert sized and min(sized) * 1024 * 1024 > MAX_PHOTOS * MAX_FILE_BYTES, (path, sized)


def test_gunicorn_writes_no_access_log_of_its_own():
    """Behind nginx every request comes from 127.0.0.1: gunicorn's access log would record that for every
    request. nginx's log (and linli's own access log, through LINLI_TRUSTED_PROXIES) has the client."""
    exec_start = parse_unit(UNITS / "linli-web.service")["Service"]["ExecStart"][0]
    assert "--access-logfile" not in exec_start and "--error-logfile -" in exec_start


def config_variables() -> set[str]:
    pattern = re.compile(r"""env_(?:str|int|bool|list)\(\s*["']([A-Z0-9_]+)["']""")
    names = {"LINLI_VAR_DIR", "DJANGO_SETTINGS_MODULE"}  # read by config/env.py and config/wsgi.py
    for path in (ROOT / "config").rglob("*.py"):
        names |= set(pattern.findall(path.read_text()))
    return names


def test_the_environment_template_names_every_setting():
    template = (DEPLOY / "linli.env.example").read_text()
    named = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))
    assert config_variables() - named == set()
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in template.splitlines()


def test_the_shell_scripts_of_the_kit_parse():
    for script in (DEPLOY / "install.sh", DEPLOY / "linli-manage", ROOT / "scripts" / "ensure_nginx.sh"):
        assert script.stat().st_mode & 0o111, f"{script.name} is not executable"
        shell = "bash" if script.read_text().startswith("#!/usr/bin/env bash") else "sh"
        result = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (script.name, result.stderr)


def test_every_kit_file_the_docs_name_exists():
    named = set()
    for doc in ("DEPLOY.md", "UPGRADE.md", "BACKUP.md"):
        named |= set(re.findall(r"deploy/[\w./@-]*\w", (ROOT / "docs" / doc).read_text()))
    assert {"deploy/nginx/linli.conf", "deploy/linli.env.example", "deploy/linli-manage"} <= named
    assert [name for name in sorted(named) if not (ROOT / name).exists()] == []
