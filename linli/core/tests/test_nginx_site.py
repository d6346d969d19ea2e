"""The shipped nginx site at work, in front of a stand-in application on loopback ports: HTTP moves to
HTTPS, the client's address and the scheme reach the application, static files are served with
their cache times, media never, the login is rate-limited and the upload caps hold."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from linli.core.tests.nginx_site import HOST, request, running_site


class Echo(BaseHTTPRequestHandler):
    """Answers every request with what it received (path, headers, body size)."""

    seen: list[str] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        Echo.seen.append(self.path)
        body = json.dumps({"path": self.path, "headers": dict(self.headers), "length": length}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    app = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    static = tmp / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "linli.0123456789ab.css").write_text("body{}")
    (static / "css" / "linli.css").write_text("body{}")
    with running_site(tmp, upstream_port=app.server_port, static_dir=static) as ports:
        yield ports
    app.shutdown()


def test_plain_http_moves_to_https(site):
    http_port, _ = site
    response, _ = request(http_port, "GET", "/people/residents/?q=wang", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/people/residents/?q=wang"


def test_the_application_sees_the_client_the_scheme_and_the_host(site):
    _, https_port = site
    response, data = request(https_port, "GET", "/cases/", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.status == 200
    seen = json.loads(data)["headers"]
    # nginx appends the address it saw (here 127.0.0.1): with LINLI_TRUSTED_PROXIES=1 that is the client.
    assert seen["X-Forwarded-For"] == "203.0.113.9, 127.0.0.1"
    assert seen["X-Forwarded-Proto"] == "https"
    assert seen["Host"] == HOST and seen["X-Forwarded-Host"] == HOST
    assert seen["X-Request-ID"]


def test_static_files_are_served_with_their_cache_times_and_media_never(site):
    _, https_port = site
    hashed, body = request(https_port, "GET", "/static/css/linli.0123456789ab.css")
    assert hashed.status == 200 and body == b"body{}"
    assert "immutable" in hashed.getheader("Cache-Control")
    plain, _ = request(https_port, "GET", "/static/css/linli.css")
    assert plain.status == 200 and "immutable" not in (plain.getheader("Cache-Control") or "")
    Echo.seen.clear()
    media, _ = request(https_port, "GET", "/media/cases/2026/photo.jpg")
    assert media.status == 404 and Echo.seen == []  # not even asked of the application


def test_the_login_is_rate_limited_per_address(site):
    _, https_port = site
    statuses = [request(https_port, "POST", "/accounts/login/", body=b"username=a&password=b")[0].status
                for _ in range(12)]  # fmt: skip
    assert statuses[:6] == [200] * 6  # one, and a burst of five
    assert 429 in statuses[6:]


def test_bodies_are_capped_except_where_uploads_go(site):
    _, https_port = site
    seven_mb = b"x" * (7 * 1024 * 1024)
    refused, _ = request(https_port, "POST", "/people/residents/new/", body=seven_mb)
    assert refused.status == 413
    for path in ("/cases/1/do/comment/", "/imports/new/residents/"):
        accepted, data = request(https_port, "POST", path, body=seven_mb)
        assert accepted.status == 200 and json.loads(data)["length"] == len(seven_mb), path
