import pytest

from kerekasztal.api.models import ApiToken


@pytest.fixture
def token(world):
    _record, value = ApiToken.issue(user=world.coordinator, name="teszt")
    return value


@pytest.fixture
def member_token(world):
    _record, value = ApiToken.issue(user=world.member, name="tag")
    return value


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
