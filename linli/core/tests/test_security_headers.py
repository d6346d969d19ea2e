"""Security headers: a Content-Security-Policy without inline scripts, a Permissions-Policy, and
no template left that needs inline script (a <script> with code in it, an on*= handler, a
javascript: URL)."""

import re
from pathlib import Path

from config.env import BASE_DIR

TEMPLATE_DIRS = [BASE_DIR / "linli"]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"""<[a-z][^>]*\son[a-z]+\s*=""", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json")


def _templates():
    for root in TEMPLATE_DIRS:
        yield from (p for p in root.rglob("*.html") if "/static/" not in str(p))


def _inline_script_problems(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = []
    for match in SCRIPT_TAG.finditer(text):
        attrs = match.group(1)
        if "src=" not in attrs and not any(t in attrs for t in DATA_TYPES):
            problems.append(f"{path}: inline <script{attrs}>")
    problems += [f"{path}: inline handler {m.group(0)[-40:]!r}" for m in HANDLER.finditer(text)]
    problems += [f"{path}: javascript: URL" for _ in JS_URL.finditer(text)]
    return problems


def test_no_template_has_inline_script_handlers_or_javascript_urls():
    problems = [p for path in _templates() for p in _inline_script_problems(path)]
    assert problems == []


def test_the_scan_catches_what_it_looks_for(tmp_path):
    sample = tmp_path / "t.html"
    sample.write_text(
        '<script>alert(1)</script><script src="/static/x.js"></script><script type="application/json">{}</script>'
        '<button class="b" onclick="go()">x</button><a href="javascript:history.back()">y</a>',
        encoding="utf-8",
    )
    assert len(_inline_script_problems(sample)) == 3


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_carry_a_csp_without_inline_script_and_a_permissions_policy(client, world):
    for response in (client.get("/accounts/login/"), _logged_in(client, world).get("/")):
        assert response.status_code == 200
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"] and "'unsafe-inline'" not in policy.get("default-src", [])
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        permissions = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in permissions


def test_the_api_docs_work_under_the_same_policy(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and _policy(response)["script-src"] == ["'self'"]
    text = response.content.decode()
    inline = [m for m in SCRIPT_TAG.finditer(text) if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    assert inline == []


def _logged_in(client, world):
    client.force_login(world.user("secretary"))
    return client
