import pytest


@pytest.fixture
def nw(world):
    """The notices part of the test world."""
    return world.notices
