import pytest

from .factories import make_plan


@pytest.fixture
def hep(world):
    """Bozsok's HEP: the settlement of the world's settlement officer."""
    return make_plan(world.forum)


@pytest.fixture
def district_plan(world):
    return make_plan(world.forum, scope="district")
