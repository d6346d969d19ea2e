"""Chinese text for cases: jieba words without the filler, and how alike two texts are."""

import functools
import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)

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


@functools.lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(jieba.lcut(text))


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
