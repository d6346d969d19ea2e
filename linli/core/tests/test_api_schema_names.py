"""Every API schema class has a name of its own. django-ninja names a schema in the OpenAPI
document by its class name alone, so two apps' `MemberOut` became one entry and the fuzz tests
checked households against the teams' schema (session 30). This fails on the clash itself."""

from collections import defaultdict


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_name():
    from ninja import Schema

    import config.api  # noqa: F401  (imports every app's router and its schemas)

    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith(("linli.", "config.")):
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert len(by_name) > 50  # the apps' schemas were found (not an empty walk)
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert clashes == {}, clashes
