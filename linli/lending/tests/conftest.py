import pytest


@pytest.fixture
def lw(world):
    """The lending part of the test world."""
    return world.lending
