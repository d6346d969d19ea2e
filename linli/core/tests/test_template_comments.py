"""Django's {# #} comment is one line only: spread over two, it is printed on the page (found by a
user walk at the foot of every page's menu). Every template's {# opens and closes on one line."""

from pathlib import Path

import linli


def test_no_comment_tag_spans_lines():
    wrong = []
    for template in Path(linli.__file__).parent.rglob("*.html"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if line.count("{#") != line.count("#}"):
                wrong.append(f"{template}:{number}")
    assert wrong == []
