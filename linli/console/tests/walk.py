"""The console's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

from linli.core.tests.walk_roles import EVERYONE, FULL

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "home": ("get", EVERYONE),
    "security": ("get", EVERYONE),
    "otp_start": ("post", EVERYONE),
    "otp_confirm": ("post", EVERYONE),
    "otp_disable": ("post", EVERYONE),
    "token_create": ("post", EVERYONE),
    "token_revoke": ("post", EVERYONE),
    "password_change": ("get", EVERYONE),
    "switch_community": ("post", EVERYONE),
    "me": ("get", EVERYONE),
    "imports:job_list": ("get", FULL),
    "imports:job_create": ("get", FULL),
    "imports:template_download": ("get", FULL),
    "imports:job_detail": ("get", FULL),
    "imports:job_progress": ("get", FULL),
    "imports:job_rejected": ("get", FULL),
    "imports:job_remap": ("post", FULL),
    "imports:job_commit": ("post", FULL),
    "imports:job_cancel": ("post", FULL),
    "imports:job_rerun": ("post", FULL),
}


def objects(world) -> dict:
    return {
        "imports:job_detail": {"pk": world.import_job.pk},
        "imports:job_progress": {"pk": world.import_job.pk},
        "imports:job_rejected": {"pk": world.import_job.pk},
        "imports:job_remap": {"pk": world.import_job.pk},
        "imports:job_commit": {"pk": world.import_job.pk},
        "imports:job_cancel": {"pk": world.import_job.pk},
        "imports:job_rerun": {"pk": world.import_job.pk},
    }


def url_kwargs(name: str, world) -> dict | None:
    if name == "token_revoke":
        return {"pk": 999999}
    if name in ("imports:job_create", "imports:template_download"):
        return {"kind": "people"}
    return None
