"""The category suggestion measured on hand-written needs (tests/needs.py), with the model trained
the way a demo community's is (on the demo generator's text): among the suggestions shown as
confident at least 80 % are right, and every safety need goes to the safety category with 紧急 or
特急. Run with -s to see the figures (docs/PERFORMANCE.md records them):

    .venv/bin/python -m pytest -p no:xdist -q -s linli/cases/tests/test_suggest_needs.py
"""

import random
import uuid

from django.test import Client

from linli.cases import suggest
from linli.cases.demo.texts import CATEGORIES, case_text, categories_for
from linli.cases.models import Case, Category, Status
from linli.cases.tests.needs import NEEDS

FIRE = "电动车在楼道里充电，拉了飞线，有火灾隐患"


def _demo_model(world, per_year: int = 800) -> dict[str, Category]:
    """The demo's categories and a model trained on the demo generator's cases, as seed_demo does."""
    categories = categories_for(world.a)
    rng = random.Random(11)
    weights = [4, 3, 1, 2, 2, 1, 1, 2, 1, 1]  # the demo year's mix (cases/demo/year.py)
    places = ["仙湖名苑3栋", "仙湖花园", "6栋楼下", "1栋2单元"]
    rows = []
    for i in range(per_year):
        spec = rng.choices(CATEGORIES, weights=weights)[0]
        title, description = case_text(rng, spec, rng.choice(places))
        category = categories[spec[1]]
        rows.append(
            Case(
                community=world.a, uid=uuid.uuid4(), number=f"1999{i:06d}", category=category, kind=category.kind,
                title=title, description=description, channel="staff", status=Status.CLOSED,
            )
        )  # fmt: skip
    Case.objects.bulk_create(rows)
    assert suggest.train(world.a.pk) is not None
    return categories


def measure(world) -> dict:
    categories = _demo_model(world)
    by_pk = {c.pk: code for code, c in categories.items()}
    shown = right = safety = forced = overall = 0
    for text, code, is_safety in NEEDS:
        result = suggest.suggest(world.a.pk, text)
        got = by_pk.get(result.category.pk) if result.category else None
        overall += int(got == code)
        if result.confident:
            shown += 1
            right += int(got == code)
        if is_safety:
            safety += 1
            forced += int(got == "safety" and result.source == "safety" and result.urgency in ("urgent", "critical"))
        elif result.source == "safety":
            raise AssertionError(f"forced to safety without danger: {text}")
    figures = {"needs": len(NEEDS), "confident": shown, "right": right, "safety": safety, "forced": forced}
    print(
        f"\nhand-written needs: {len(NEEDS)}; right overall: {overall}; shown as confident: {shown} "
        f"({shown / len(NEEDS):.0%}), "
        f"right among them: {right} ({right / shown:.0%}); safety needs forced to the safety category: "
        f"{forced} of {safety}"
    )
    return figures


def test_hand_written_needs_are_right_when_shown_confident_and_safety_is_never_out_voted(world):
    assert len(NEEDS) >= 60 and len({t for t, _c, _s in NEEDS}) == len(NEEDS)
    figures = measure(world)
    assert figures["right"] / figures["confident"] >= 0.8
    assert figures["confident"] >= len(NEEDS) // 3  # confident often enough to help
    assert figures["forced"] == figures["safety"]


def test_the_fire_hazard_goes_to_the_safety_category_not_parking(world):
    categories = _demo_model(world, per_year=300)
    result = suggest.suggest(world.a.pk, FIRE)
    assert result.category == categories["safety"] and result.urgency == "urgent"
    assert result.source == "safety" and set(result.safety_words) == {"火灾", "飞线", "电动车在楼道里充电"}


def test_the_safety_category_is_the_one_marked_so_not_the_one_named_so(world):
    categories = _demo_model(world, per_year=300)
    Category.objects.in_community(world.a).filter(code="safety").update(safety=False, code="anquan")
    marked = Category.objects.create(community=world.a, name="安全隐患", code="hazard", safety=True)
    assert suggest.suggest(world.a.pk, "3栋电梯困人").category == marked
    Category.objects.in_community(world.a).filter(pk=marked.pk).update(safety=False)
    result = suggest.suggest(world.a.pk, "3栋电梯困人")  # none marked: no category forced, urgency still
    assert result.source != "safety" and result.urgency == "critical"
    assert categories["safety"].name == "治安消防"


def test_text_unlike_the_training_set_is_not_shown_as_confident(world):
    _demo_model(world, per_year=300)
    result = suggest.suggest(world.a.pk, "请问周末社区图书室几点开门，孩子想去借绘本")
    assert not result.confident
    assert suggest.familiarity(suggest._model_for(world.a.pk), "请问周末社区图书室几点开门") < 0.5


def test_the_hint_shows_the_safety_rule_and_offers_the_urgency(world):
    categories = _demo_model(world, per_year=300)
    client = Client()
    client.force_login(world.user("worker"))
    html = client.post("/cases/new/hints/", {"description": FIRE}).content.decode()
    assert 'data-suggestion="safety"' in html and "治安消防" in html and "按安全隐患处理" in html
    assert f'data-set-value="{categories["safety"].pk}"' in html and 'data-set-value="urgent"' in html
    html = client.post("/cases/new/hints/", {"description": "请问周末图书室几点开门，孩子想借绘本"}).content.decode()
    assert 'data-suggestion="confident"' not in html
