"""venues' part of the role walk (linli/console/tests/test_role_walk.py)."""

PAGES: dict = {}


def objects(world) -> dict:
    return {}
