from linli.core.tests.walk_roles import FULL

PAGES = {"toy:toy_list": ("get", FULL)}


def objects(world) -> dict:
    return {}
