"""The one NinjaAPI: /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from linli.activities.api import router as activities_router
from linli.care.api import router as care_router
from linli.cases.api import router as cases_router
from linli.childcare.api import router as childcare_router
from linli.convenience.api import router as convenience_router
from linli.core.api import AUTH, LinliAPI
from linli.lending.api import router as lending_router
from linli.messaging.api import router as messaging_router
from linli.notices.api import router as notices_router
from linli.orgs.api import router as orgs_router
from linli.party.api import router as party_router
from linli.people.api import router as people_router
from linli.places.api import router as places_router
from linli.residents.api import router as residents_router
from linli.socialwork.api import router as socialwork_router
from linli.venues.api import router as venues_router
from linli.volunteering.api import router as volunteering_router

# Every answer is JSON in the ErrorOut envelope, unknown paths and wrong methods included.
api = LinliAPI(
    title="linli 邻里 API",
    version="1",
    description="社区居民、户、小区、楼栋与网格，民情诉求，党组织与志愿服务。"
    "Session (browser) or `Authorization: Bearer <token>`.",
    auth=AUTH,
    urls_namespace="api",
)
api.add_router("/", people_router)
api.add_router("/", places_router)
api.add_router("/", cases_router)
api.add_router("/", party_router)
api.add_router("/", volunteering_router)
api.add_router("/", messaging_router)
api.add_router("/", activities_router)
api.add_router("/", residents_router)
api.add_router("/", care_router)
api.add_router("/", lending_router)
api.add_router("/", convenience_router)
api.add_router("/", venues_router)
api.add_router("/", notices_router)
api.add_router("/", orgs_router)
api.add_router("/", socialwork_router)
api.add_router("/", childcare_router)
