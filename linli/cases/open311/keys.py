"""The jurisdiction (a community code) and the api_key of an Open311 request."""

from django.utils.translation import gettext as _

from linli.cases import selectors
from linli.cases import selectors_open311 as open311_reads
from linli.cases.models import Open311Key
from linli.cases.open311.formats import Open311Error, _params
from linli.tenancy.models import Community


def _community(request) -> Community:
    code = (_params(request).get("jurisdiction_id") or "").strip()
    if code:
        community = open311_reads.community_by_code(code)
        if community is None:
            raise Open311Error(404, _("jurisdiction_id “%(c)s” 不存在。") % {"c": code[:40]})
        return community
    sole = open311_reads.sole_community()
    if sole is not None:
        return sole
    raise Open311Error(400, _("本平台有多个社区，请用 jurisdiction_id 指明社区代码。"))


def _key(request, community: Community, *, required: bool) -> Open311Key | None:
    raw = (_params(request).get("api_key") or "").strip()
    if not raw:
        if required:
            raise Open311Error(403, _("缺少 api_key。请向社区申请 Open311 密钥。"))
        return None
    key = open311_reads.live_key(community, Open311Key.digest_of(raw))
    if key is None:
        raise Open311Error(403, _("api_key 无效或已停用。"))
    return key


def _key_with_community(request) -> Open311Key:
    """A filing client's key and its community in one query (the key belongs to one community)."""
    raw = (request.POST.get("api_key") or "").strip()
    code = (request.POST.get("jurisdiction_id") or "").strip()
    if not raw:
        _community(request)  # an unknown jurisdiction is named first, as for GET
        raise Open311Error(403, _("缺少 api_key。请向社区申请 Open311 密钥。"))
    keys = selectors.live_open311_keys(digest=Open311Key.digest_of(raw))
    key = keys.filter(community__code=code).first() if code else keys.first()
    if key is None:
        _community(request)
        raise Open311Error(403, _("api_key 无效或已停用。"))
    if not code and open311_reads.has_several_communities():
        raise Open311Error(400, _("本平台有多个社区，请用 jurisdiction_id 指明社区代码。"))
    return key
