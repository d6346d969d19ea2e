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
    stale = [
        msgid for msgid, msgstr, _ in _entries() if msgid and catalogue.gettext(unescape(msgid)) != unescape(msgstr)
    ]
    assert stale == []


def test_pages_switch_to_english(client, world):
    client.force_login(world.user("worker"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/people/residents/").content.decode()
    assert "Register a resident" in page and "登记居民" not in page
