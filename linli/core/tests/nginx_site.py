"""The shipped nginx site (deploy/nginx/linli.conf) made runnable in a throwaway folder: a self-signed
certificate, the paths moved under that folder, a minimal nginx.conf around it."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

NGINX = "/usr/sbin/nginx"
SITE = Path(settings.BASE_DIR) / "deploy" / "nginx" / "linli.conf"


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
