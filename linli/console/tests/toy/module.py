from linli.core import modules

VIEW_TOY = "view_toy"


def _seed(ctx) -> None:
    from django.contrib.auth import get_user_model

    # It asked to run after tenancy: the community's demo accounts exist by now.
    secretary = get_user_model().objects.get(username=f"{ctx.community.code}.secretary")
    ctx.say(f"toy: seeded {ctx.community.code} after {secretary.username}")


MODULE = modules.register(
    modules.Module(
        label="toy",
        verbose_name="Toy",
        permissions=(modules.Permission(VIEW_TOY, "See the toys"),),
        grants=modules.grants_by_code({VIEW_TOY: {"secretary", "worker"}}),
        menu=(
            modules.MenuEntry("toy:toy_list", "玩具角", "bi-balloon", 65, lambda s, c: modules.holds(s, c, VIEW_TOY)),
        ),
        report_figures=(modules.ReportFigure("toys", "玩具", 50),),
        report_counts=lambda community_ids: {cid: {"toys": 7} for cid in community_ids},
        seed=_seed,
        seed_after=("tenancy",),
        walk="linli.console.tests.toy.walk",
    )
)
