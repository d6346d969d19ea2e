"""Chinese text for cases: jieba words without the filler, and how alike two texts are."""

import functools
import logging
import re

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "是",
        "在",
        "我",
        "我们",
        "你",
        "你们",
        "他",
        "她",
        "它",
        "有",
        "和",
        "与",
        "及",
        "也",
        "都",
        "就",
        "还",
        "又",
        "很",
        "太",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "哦",
        "请",
        "麻烦",
        "一下",
        "一个",
        "这个",
        "那个",
        "这里",
        "那里",
        "这边",
        "那边",
        "什么",
        "怎么",
        "已经",
        "没有",
        "不",
        "没",
        "能",
        "会",
        "要",
        "想",
        "希望",
        "问题",
        "情况",
        "反映",
        "社区",
        "谢谢",
        "帮忙",
        "尽快",
        "处理",
        "解决",
    ]
)


@functools.cache
def _jieba():
    """jieba, imported where it cuts (0.1-0.4 s, with its dictionary): a process that never reads a
    case's text (a periodic job, `manage.py check`) never pays for it."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@functools.lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(_jieba().lcut(text))


def tokens(text: str) -> set[str]:
    """The content words of a text (jieba, filler removed, one-character words dropped except a
    few that carry meaning on their own)."""
    words = set()
    for word in _cut((text or "")[:2000]):
        word = word.strip().lower()
        if not word or not _KEEP.search(word) or word in STOPWORDS:
            continue
        if len(word) == 1 and word not in "水电气灯门窗墙树狗猫车":
            continue
        words.add(word)
    return words


def analyzer(text: str) -> list[str]:
    """For scikit-learn's vectoriser: the words, plus character pairs inside longer words so that
    漏水 and 渗漏 meet."""
    words = tokens(text)
    grams = [w[i : i + 2] for w in words if len(w) > 2 for i in range(len(w) - 1)]
    return [*words, *grams]


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# Words of danger a community worker acts on at once, whatever a model trained on past cases says:
# (pattern, urgency). 特急: life at risk now (fire, gas, someone trapped or falling); 紧急: a hazard
# that can become one (flying leads, old wiring, leaking current, things thrown from high up).
# Patterns, not words: jieba cuts 电梯困人 and 私拉电线 differently from text to text, and a few
# need an exception (燃气费 is a bill, 火锅 is dinner).
SAFETY_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"起火|着火|失火|火烧|烧起来|火苗|明火", "critical"),
    (r"冒烟|冒黑烟|浓烟|烟雾很大|烧焦味|焦糊味", "critical"),
    (r"煤气味|燃气味|液化气味|天然气味|漏气|(燃气|煤气|天然气)泄漏", "critical"),
    (r"电梯困人|困在电梯|电梯里困|电梯.{0,6}被困|被困|困住了", "critical"),
    (r"坠落|坠楼|掉下来砸|砸到人|要掉下来|快掉了|摇摇欲坠", "critical"),
    (r"触电|电到人|爆炸|炸了|坍塌|塌陷|塌了", "critical"),
    (r"火灾|火警|火情|火花|打火花|电火花", "urgent"),
    (r"飞线|私拉电线|乱拉电线|私拉乱接|拉电线|电线老化|线路老化|电线裸露|裸露的电线|短路", "urgent"),
    (r"漏电|带电", "urgent"),
    (r"(?<!交)(?<!缴)燃气(?![费卡表]|公司)|煤气(?![费卡])|煤气罐|液化气|液化石油气|天然气(?![费卡])", "urgent"),
    (r"高空抛物|高空坠物|往楼下扔|从楼上扔", "urgent"),
    (r"(楼道|楼梯间|家里|屋里|室内).{0,6}(电动车|电瓶车|电瓶).{0,4}充电", "urgent"),
    (r"(电动车|电瓶车|电瓶).{0,6}(楼道|楼梯间|家里|屋里|室内).{0,4}充电", "urgent"),
    (r"(电动车|电瓶车).{0,6}(推|拉|带|骑)(进|上)(楼|电梯|家)", "urgent"),
    (r"灭火器.{0,6}(过期|没有|空|坏)|消防栓.{0,4}(没水|坏)", "urgent"),
)

_SAFETY = tuple((re.compile(p), u) for p, u in SAFETY_PATTERNS)


def safety_words(text: str) -> tuple[list[str], str]:
    """The danger words found in a text and the urgency they call for ("critical", "urgent", or ""
    when there are none)."""
    found: list[str] = []
    urgency = ""
    for pattern, level in _SAFETY:
        for match in pattern.finditer(text or ""):
            word = match.group(0)
            if not any(word in other for other in found):
                found.append(word)
            urgency = "critical" if level == "critical" or urgency == "critical" else level
    return found, urgency
