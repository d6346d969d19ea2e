"""The demo's visits and care plans (stub until filled in)."""


def seed(community, *, rng) -> int:
    return 0
