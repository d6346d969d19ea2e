"""The client's address, the one answer for the access log, the login locks and any rate limit.

Behind reverse proxies REMOTE_ADDR is the nearest proxy. Each proxy appends the address it saw to
X-Forwarded-For, so with n trusted proxies the client is the n-th address from the right of
X-Forwarded-For + [REMOTE_ADDR]; what lies further left was written by the client and is not believed.
With LINLI_TRUSTED_PROXIES = 0 (the default) the header is never read."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR")
    hops = getattr(settings, "LINLI_TRUSTED_PROXIES", 0)
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    # Fewer entries than trusted hops: the leftmost one was still written by a trusted proxy.
    candidate = chain[-(hops + 1)] if len(chain) > hops else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
