"""activities' declaration: its code and grants, menu entries, the engine's owner of events, the demo."""

from django.utils.translation import gettext_lazy as _

from linli.activities.figures import FIGURES
from linli.activities.permissions import MANAGE_EVENTS
from linli.core import modules
from linli.participation.owners import register_owner
from linli.tenancy.permissions import Role


def _may_run(scope, offering) -> bool:
    """Staff who manage events, and the leader of the volunteer team that organises it."""
    if scope.has(MANAGE_EVENTS, offering.community_id):
        return True
    from linli.activities.models import Event
    from linli.volunteering.scope import volunteer_scope

    led = volunteer_scope(scope).led_team_ids
    rows = Event.objects.in_community(offering.community_id).filter(pk=offering.owner_id, team_id__in=led)
    return bool(led) and rows.exists()


register_owner("activities.event", _may_run)


def _seed(ctx) -> None:
    from linli.activities import demo

    if n := demo.seed(ctx.community, rng=ctx.rng):
        ctx.say(f"{ctx.community.name}: {n} events")


def _member_of(scope, community_id) -> bool:
    return bool(community_id) and (community_id in scope.community_ids or scope.is_superuser)


MODULE = modules.register(
    modules.Module(
        label="activities",
        verbose_name=_("社区活动"),
        permissions=(modules.Permission(MANAGE_EVENTS, _("发布活动、代居民报名、现场签到")),),
        grants=modules.grants_by_code({MANAGE_EVENTS: {Role.SECRETARY, Role.WORKER}}),
        menu=(
            modules.MenuEntry(
                "activities:list",
                _("社区活动"),
                "bi-calendar-event",
                55,
                lambda s, c: modules.holds(s, c, MANAGE_EVENTS),
            ),
            modules.MenuEntry(
                "activities:browse",
                _("活动报名"),
                "bi-calendar-heart",
                56,
                lambda s, c: _member_of(s, c) and not modules.holds(s, c, MANAGE_EVENTS),
            ),
        ),  # fmt: skip
        seed=_seed,
        seed_after=("people", "volunteering", "party", "venues"),
        figures=FIGURES,
        walk="linli.activities.tests.walk",
    )
)
