"""Category suggestion: keyword rules first, then the community's own model once enough cases
were confirmed; the model is signed and never loaded when tampered with."""

import random

from django.test import Client

from linli.cases import services, suggest
from linli.cases.models import Channel, SuggestionModel

TEXTS = {
    "repair": [
        "楼道灯坏了",
        "电梯停在半层",
        "天花板漏水",
        "水管爆裂",
        "门禁坏了打不开",
        "路灯不亮",
        "楼顶渗水",
        "消防栓漏水",
    ],
    "env": [
        "垃圾桶满了没人清",
        "草坪杂草太高",
        "楼道堆满杂物",
        "小广告贴满墙",
        "垃圾站很臭",
        "绿化带有垃圾",
        "污水横流",
        "蚊虫多要消杀",
    ],
}


def _history(world, per_category=20):
    rng = random.Random(3)
    for code, texts in TEXTS.items():
        category = world.cases.repair if code == "repair" else world.cases.env
        for i in range(per_category):
            text = f"{texts[i % len(texts)]}，{rng.choice(['麻烦尽快处理', '已经好几天了', '老人出行不便', ''])}{i}"
            services.case_file(
                actor=world.user("secretary"),
                community=world.a,
                channel=Channel.STAFF,
                data=services.CaseInput(category_id=category.pk, description=text, address_text="x"),
            )


def test_keywords_decide_before_there_is_a_model(world):
    result = suggest.suggest(world.a.pk, "楼下路灯又不亮了")
    assert result.category == world.cases.repair and result.source == "keywords" and 0 < result.confidence < 1
    assert suggest.suggest(world.a.pk, "嗯").category is None


def test_the_model_learns_the_communitys_own_words(world):
    assert suggest.train(world.a.pk) is None  # too few confirmed cases
    _history(world)
    model = suggest.train(world.a.pk)
    assert model.samples >= 40 and model.accuracy is not None and model.accuracy >= 0.8
    result = suggest.suggest(world.a.pk, "电梯又停在半层了")
    assert result.source == "model" and result.category == world.cases.repair and result.confidence >= 0.35
    assert suggest.suggest(world.a.pk, "楼道里堆满了杂物").category == world.cases.env
    assert result.handler_label == "仙湖物业"


def test_a_tampered_model_is_never_loaded(world):
    _history(world)
    suggest.train(world.a.pk)
    SuggestionModel.objects.in_community(world.a).update(signature="0" * 64)
    suggest._cache.clear()
    assert suggest.suggest(world.a.pk, "电梯又停在半层了").source == "keywords"


def test_hints_show_the_suggestion_and_likely_duplicates(world):
    client = Client()
    client.force_login(world.user("grid1"))
    html = client.post(
        "/cases/new/hints/", {"description": "1栋3楼楼道天花板漏水", "building": world.building1.pk}
    ).content.decode()
    assert "设施维修" in html and world.cases.leak.number in html


def test_cases_written_down_from_a_phone_call_are_learned_from():
    """Every channel a resident's words come through is learned from; a meeting's cases are not."""
    assert Channel.PHONE in suggest._LEARN_CHANNELS and Channel.HOTLINE in suggest._LEARN_CHANNELS
    assert Channel.DELIBERATION not in suggest._LEARN_CHANNELS
