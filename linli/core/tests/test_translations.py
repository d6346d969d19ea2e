import gettext
import re

from config.env import BASE_DIR

PO = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if match:
            yield "".join(re.findall(r'"(.*)"', match.group(1))), "".join(re.findall(r'"(.*)"', match.group(2))), block


def test_every_chinese_string_has_an_english_translation():
    untranslated = [msgid for msgid, msgstr, block in _entries() if msgid and (not msgstr or "#, fuzzy" in block)]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    """The .mo is committed (deployments need no gettext tools); it must say what the .po says."""
    with PO.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    unescape = lambda s: s.encode().decode("unicode_escape").encode("latin-1").decode()  # noqa: E731

    def compiled(msgid, block):
        context = re.search(r'^msgctxt "(.*)"$', block, re.M)
        if context:  # a word that reads differently in two places ("提交": the button, the case step)
            return catalogue.pgettext(context.group(1), unescape(msgid))
        return catalogue.gettext(unescape(msgid))

    stale = [msgid for msgid, msgstr, block in _entries() if msgid and compiled(msgid, block) != unescape(msgstr)]
    assert stale == []


def test_pages_switch_to_english(client, world):
    client.force_login(world.user("worker"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/people/residents/").content.decode()
    assert "Register a resident" in page and "登记居民" not in page


GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_TEMPLATE_TRANSLATE = re.compile(r"""{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')""")


def _strings_in_code() -> dict[str, str]:
    """Every Chinese string the code and templates ask gettext for, with where it is."""
    import ast

    found: dict[str, str] = {}
    for path in (BASE_DIR / "linli").rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT_NAMES
            ):
                for arg in node.args[:1]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _CJK.search(arg.value):
                        found.setdefault(arg.value, f"{path.relative_to(BASE_DIR)}:{node.lineno}")
    for path in list((BASE_DIR / "linli").rglob("*.html")):
        for match in _TEMPLATE_TRANSLATE.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            if _CJK.search(text):
                found.setdefault(text, str(path.relative_to(BASE_DIR)))
    return found


def test_every_string_in_the_code_is_in_the_catalogue():
    """makemessages was run after the last UI text was written (the .po is not stale)."""
    unescape = lambda s: s.encode().decode("unicode_escape").encode("latin-1").decode()  # noqa: E731
    known = {unescape(msgid) for msgid, _msgstr, _block in _entries()}
    missing = {text: where for text, where in _strings_in_code().items() if text not in known}
    assert missing == {}, "run makemessages -l en and translate:\n" + "\n".join(f"{w}: {t}" for t, w in missing.items())
