import pytest


@pytest.fixture
def cw(world):
    """The convenience part of the test world."""
    return world.convenience
