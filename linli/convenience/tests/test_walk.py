"""convenience's pages walked as every persona (the whole walk is linli/console/tests/test_role_walk.py;
this runs only this module's rows, for a quick check while working on it)."""

import pytest

from linli.console.tests.test_role_walk import walk_pages
from linli.convenience.tests import walk
from linli.core.tests.walk_roles import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_walk(world, role):
    assert walk_pages(world, role, names=set(walk.PAGES)) == []
