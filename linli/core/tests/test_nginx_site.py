"""The shipped nginx site at work, in front of a stand-in application on loopback ports: HTTP moves to
HTTPS, the client's address and the scheme reach the application, static files are served with
their cache times, media never, the login's POSTs are rate-limited (never its pages), /healthz and
/metrics answer the server itself only, and every upload view takes what the application accepts."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.urls import reverse

from linli.core.tests.nginx_site import HOST, SITE, request, running_site

pytestmark = pytest.mark.once  # a stand-in application: no database


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


def login_burst() -> int:
    site = SITE.read_text()
    return int(re.search(r"limit_req zone=linli_login burst=(\d+)", site).group(1))


def test_the_login_limits_posts_per_address_and_never_pages(site):
    """One login is about four requests (the page, the password, the code page, the code): only the two
    POSTs count, and the burst lets an office of twenty behind one address log in at nine."""
    _, https_port = site
    burst = login_burst()
    assert burst >= 2 * 20
    pages = [request(https_port, "GET", path)[0].status
             for path in ("/accounts/login/", "/accounts/login/code/") * (burst + 5)]  # fmt: skip
    assert set(pages) == {200}
    statuses = [request(https_port, "POST", "/accounts/login/", body=b"username=a&password=b")[0].status
                for _ in range(burst + 4)]  # fmt: skip
    assert statuses[: burst + 1] == [200] * (burst + 1)  # one, and the burst
    assert 429 in statuses[burst + 1 :]
    # Another address is not held back by this one's tries, and the pages still answer here.
    other, _ = request(https_port, "POST", "/accounts/login/", body=b"username=a&password=b", source="127.0.0.2")
    assert other.status == 200
    assert request(https_port, "GET", "/accounts/login/")[0].status == 200


@pytest.mark.parametrize("path", ["/healthz", "/metrics"])
def test_health_and_metrics_answer_only_the_server_itself(site, path):
    """/healthz tells the queue size and the free disk: the monitoring's addresses only, like /metrics."""
    _, https_port = site
    Echo.seen.clear()
    outside, _ = request(https_port, "GET", path, source="127.0.0.2")
    assert outside.status == 403 and Echo.seen == []
    inside, _ = request(https_port, "GET", path)
    assert inside.status == 200 and Echo.seen == [path]
    # The rest of the site still answers the other address.
    assert request(https_port, "GET", "/accounts/login/", source="127.0.0.2")[0].status == 200


def test_bodies_are_capped_except_where_uploads_go(site):
    _, https_port = site
    seven_mb = b"x" * (7 * 1024 * 1024)
    refused, _ = request(https_port, "POST", "/people/residents/new/", body=seven_mb)
    assert refused.status == 413
    for path in ("/cases/1/do/comment/", "/imports/new/residents/", "/volunteering/claims/1/report/"):
        accepted, data = request(https_port, "POST", path, body=seven_mb)
        assert accepted.status == 200 and json.loads(data)["length"] == len(seven_mb), path


ENVELOPE = 256 * 1024  # multipart boundaries, part headers and the other fields of the form


def upload_views():
    """Every view that reads request.FILES (grep it), with the most the application accepts there."""
    from linli.cases import services as cases
    from linli.volunteering import services as volunteering

    photos = volunteering.MAX_PHOTOS * cases.MAX_FILE_BYTES  # claim_report checks each with sniff_upload
    attachments = cases.MAX_FILES * cases.MAX_FILE_BYTES
    return {
        reverse("volunteering:claim_report", args=[1]): photos,
        reverse("cases:case_new"): attachments,
        reverse("cases:case_action", args=[1, "progress"]): attachments,
        reverse("cases:case_action", args=[1, "comment"]): attachments,
        reverse("imports:job_create", args=["residents"]): settings.IMPORT_MAX_BYTES,
    }


def test_nginx_lets_every_upload_through_at_the_size_the_application_accepts(site):
    """A volunteer's progress report takes 9 photos of 10 MB: two phone photos were an nginx 413 page."""
    _, https_port = site
    for path, most in upload_views().items():
        body = b"x" * (most + ENVELOPE)
        accepted, data = request(https_port, "POST", path, body=body)
        assert accepted.status == 200 and json.loads(data)["length"] == len(body), path
