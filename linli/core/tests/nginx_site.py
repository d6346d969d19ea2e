"""The shipped nginx site (deploy/nginx/linli.conf) made runnable in a throwaway folder: a self-signed
certificate, the paths moved under that folder, a minimal nginx.conf around it."""

import contextlib
import http.client
import os
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

NGINX = "/usr/sbin/nginx"
SITE = Path(settings.BASE_DIR) / "deploy" / "nginx" / "linli.conf"
HOST = "linli.example.org"


def nginx_config(tmp_path: Path, replace: dict[str, str] | None = None) -> Path:
    if not Path(NGINX).exists():
        pytest.fail("Debian's nginx is not installed (make nginx installs it)")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=linli.test",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = SITE.read_text()
    for old, new in {
        "/etc/linli/tls/fullchain.pem": str(tmp_path / "cert.pem"),
        "/etc/linli/tls/privkey.pem": str(tmp_path / "key.pem"),
        "/var/log/nginx/": f"{tmp_path}/",
        **(replace or {}),
    }.items():
        assert old in site, f"{old!r} is not in the shipped site"
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would run as nobody and could not read the test's private folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n {temp}\n include {tmp_path}/site.conf;\n}}\n"
    )
    return conf


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    """Until something listens on port, or fail with what the process said if it exits first."""
    for _ in range(600):
        if process.poll() is not None:
            pytest.fail(f"{what} exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"{what} does not listen on {port}")


@contextlib.contextmanager
def running_site(tmp_path: Path, *, upstream_port: int, static_dir: Path):
    """The shipped site on two free loopback ports (HTTP, HTTPS) in front of upstream_port."""
    http_port, https_port = free_port(), free_port()
    conf = nginx_config(
        tmp_path,
        {
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen [::]:80;": "",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
            "alias /opt/linli/current/static/;": f"alias {static_dir}/;",
        },
    )
    nginx = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port, nginx, "nginx")
        yield http_port, https_port
    finally:
        nginx.terminate()
        nginx.wait()


def request(
    port: int,
    method: str,
    path: str,
    *,
    tls: bool = True,
    body: bytes | None = None,
    headers=None,
    source: str | None = None,
):
    """One request to the site as HOST (from the loopback address source, if given); returns (response, body)."""
    bind = (source, 0) if source else None
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=60, source_address=bind)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=bind)
    conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data
