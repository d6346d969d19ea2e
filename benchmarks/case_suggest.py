"""How well the category suggestion does, measured on cases it never saw.

    .venv/bin/python benchmarks/case_suggest.py

Training data: 2,000 cases from the demo generator (linli/cases/demo.py), the stand-in for a
community's own history. Two test sets:
  held-out  - a stratified 20% of those generated cases (same phrasings as training: an upper bound)
  written   - 80 needs written by hand for this benchmark in the words residents and grid workers
              use, none of them a generator phrase (the honest figure)
Each is scored for the model (jieba + TF-IDF + logistic regression) and for the keyword rules
alone (the fallback), with the share of suggestions above the 0.35 confidence the form shows."""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITTEN = {
    "repair": [
        "三单元的声控灯怎么拍都不亮",
        "电梯按钮失灵，按了没反应",
        "我家卫生间顶上往下滴水，楼上说不是他家的",
        "小区大门的道闸坏了抬不起来",
        "楼梯扶手松了，老人扶着晃",
        "楼顶水箱溢水，顺着外墙流",
        "地下室的排水沟堵了",
        "单元门的密码锁没电了",
    ],
    "env": [
        "楼下那堆建筑垃圾放了一个星期了",
        "有人往绿地里倒剩饭剩菜，招老鼠",
        "楼道里有人养鸡，味道很重",
        "垃圾分类的桶被人翻得到处都是",
        "下水道反味，整个单元都能闻到",
        "楼梯间墙上被人乱涂乱画",
        "小区河道漂着很多垃圾",
        "好几只死老鼠没人处理",
    ],
    "green": [
        "我家窗前那棵榕树长得太茂盛了，屋里一点光都没有",
        "台风把树吹倒了压在车棚上",
        "草地好久没人打理，全是蚊子",
        "有人把公共绿地圈起来种葱",
        "树上有马蜂窝，孩子不敢下楼",
        "花坛里的灌木都枯死了",
        "树根把人行道拱起来了",
        "绿化带的喷灌一直在漏水",
    ],
    "parking": [
        "有辆车停在单元门口三天没挪",
        "楼道里停满电瓶车还拉线充电",
        "车库入口被一辆面包车堵住",
        "外卖电动车把人行道全占了",
        "想问问小区能不能装几个充电桩",
        "僵尸车占着车位好几个月",
        "晚上货车停在消防通道上",
        "地下车库的灯一半是坏的，停车看不清",
    ],
    "noise": [
        "隔壁天天半夜唱卡拉OK",
        "早上六点楼下就有人放音乐跳操",
        "楼上小孩每天晚上跑跳，咚咚响",
        "周末一大早就在砸墙装修",
        "对面餐馆的排风扇声音特别大",
        "邻居的鹦鹉一直叫",
        "工地晚上十一点还在施工",
        "楼下麻将声吵到凌晨",
    ],
    "facility": [
        "小区里的滑梯裂开了，孩子会划伤",
        "乒乓球台的网没了",
        "想在楼下装个扶手方便老人",
        "凉亭的顶棚漏雨",
        "小区里没有一个能坐的地方",
        "跑步道的地胶翘起来了",
        "快递柜旁边没有遮雨的地方",
        "希望单元门口修一条轮椅能走的坡",
    ],
    "property-service": [
        "物业收了停车费却不管停车",
        "物业经理换了三个，问题一直没人管",
        "维修基金用到哪里去了没人说得清",
        "保安晚上都在睡觉",
        "物业合同到期了业主想换物业",
        "公共收益的账目从来不公开",
        "物业维修要收很高的上门费",
        "物业电话一直打不通",
    ],
    "policy": [
        "老人八十岁了，有没有补助",
        "孩子户口不在这里，上学要什么材料",
        "我是外地来的，怎么办居住证",
        "残疾证到期了去哪里换",
        "退休证明要去哪里开",
        "灵活就业的社保怎么交",
        "低保怎么申请",
        "我想咨询一下计生证明",
    ],
    "safety": [
        "楼道里有人放了好几个液化气罐",
        "有人在小区里发传单还挨家敲门",
        "车棚里的电线都露在外面",
        "我的自行车又被偷了",
        "消防通道的门被人锁上了",
        "晚上有陌生人在楼道里转悠",
        "灭火器都过期了",
        "电表箱冒烟有焦味",
    ],
    "dispute": [
        "楼上空调滴水滴到我家窗台，说了不听，吵了好几次",
        "隔壁把鞋柜放到公共走廊，说他也不搬，两家闹僵了",
        "楼下说我家漏水要我赔钱，我觉得不是我家的问题",
        "邻居家狗在我门口拉屎，吵起来了",
        "两家因为车位的事打起来了",
        "对门装监控对着我家门口，沟通不了",
        "楼上晾衣服的水滴到我家被子上，发生口角",
        "邻居在楼顶种菜漏水，我们两家有矛盾",
    ],
}


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def main() -> None:
    setup()
    from sklearn.model_selection import train_test_split

    from linli.cases import demo, suggest

    rng = random.Random(11)
    codes = [c[1] for c in demo.CATEGORIES]
    weights = [4, 3, 1, 2, 2, 1, 1, 2, 1, 1]
    places = ["仙湖花园3栋", "湖景豪庭", "翠湖居7栋楼下", "金沙湾", "丹湖尚城2栋"]
    texts, labels = [], []
    for _ in range(2000):
        code = rng.choices(codes, weights=weights)[0]
        spec = demo.CATEGORIES[codes.index(code)]
        title, description = demo.case_text(rng, spec, rng.choice(places))
        texts.append(f"{title} {description}")
        labels.append(code)

    class Cat:  # what the keyword rules read from a Category
        def __init__(self, code, keywords):
            self.pk, self.keywords = code, keywords

    categories = [Cat(c[1], c[6]) for c in demo.CATEGORIES]

    def score(model, xs, ys):
        started = time.perf_counter()
        probabilities = model.predict_proba(xs)
        elapsed = (time.perf_counter() - started) / len(xs) * 1000
        best = probabilities.argmax(axis=1)
        predicted = [model.classes_[i] for i in best]
        confident = [probabilities[i][b] >= 0.35 for i, b in enumerate(best)]
        accuracy = sum(p == y for p, y in zip(predicted, ys, strict=True)) / len(ys)
        confident_right = sum(c and p == y for c, p, y in zip(confident, predicted, ys, strict=True))
        # What the form shows: the model when confident, else the keyword rules, else nothing.
        combined = [p if c else (suggest._by_keywords(x, categories)[0] or Cat(None, "")).pk
                    for x, p, c in zip(xs, predicted, confident, strict=True)]  # fmt: skip
        as_used = sum(p == y for p, y in zip(combined, ys, strict=True)) / len(ys)
        return accuracy, sum(confident) / len(ys), confident_right / max(sum(confident), 1), as_used, elapsed

    def keywords(xs, ys):
        hits = sum(
            (suggest._by_keywords(x, categories)[0] or Cat(None, "")).pk == y for x, y in zip(xs, ys, strict=True)
        )
        return hits / len(ys)

    x_train, x_test, y_train, y_test = train_test_split(texts, labels, test_size=0.2, random_state=7, stratify=labels)
    started = time.perf_counter()
    model = suggest.build_pipeline().fit(x_train, y_train)
    trained = time.perf_counter() - started
    written_x = [t for code in codes for t in WRITTEN[code]]
    written_y = [code for code in codes for _t in WRITTEN[code]]
    print(f"trained on {len(x_train)} cases in {trained:.1f} s")
    print(
        "| test set | cases | model | model confident (≥0.35) | right when confident | model, else keywords | keywords only | ms per text |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, xs, ys in (("held-out generated", x_test, y_test), ("hand-written", written_x, written_y)):
        accuracy, shown, right, as_used, ms = score(model, xs, ys)
        print(
            f"| {name} | {len(xs)} | {accuracy:.1%} | {shown:.1%} | {right:.1%} | {as_used:.1%} | {keywords(xs, ys):.1%} | {ms:.2f} |"
        )


if __name__ == "__main__":
    main()
