"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/.

Every resource in XML (the spec's default) and JSON, chosen by the `.xml` / `.json` extension.
`jurisdiction_id` is the community code; on a deployment with one community it may be left out.
Errors are the spec's list of {code, description}: 403 for a missing or bad api_key, 404 for an
unknown id, 400 for everything else. Our statuses map to open/closed, with `status_notes` in words.
GET lists only public cases and never personal data; a private case (a mediation, say) is shown
by id only to the key that filed it.
"""

from linli.cases.open311.catalogue import (
    CATEGORY_CACHE_SECONDS,
    discovery,
    forget_categories,
    service_definition,
    service_list,
)
from linli.cases.open311.formats import DEFAULT_DAYS, FORMATS, MAX_RESULTS, SPEC, Open311Error
from linli.cases.open311.requests import request_detail, requests_view, token_detail

__all__ = [
    "CATEGORY_CACHE_SECONDS",
    "DEFAULT_DAYS",
    "FORMATS",
    "MAX_RESULTS",
    "SPEC",
    "Open311Error",
    "discovery",
    "forget_categories",
    "request_detail",
    "requests_view",
    "service_definition",
    "service_list",
    "token_detail",
]
