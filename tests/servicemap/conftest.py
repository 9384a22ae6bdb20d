import pytest

from kerekasztal.servicemap.catalogue import ensure_service_types
from kerekasztal.servicemap.models import ServiceType
from kerekasztal.servicemap.services import service_point_create
from kerekasztal.territory.models import Settlement


@pytest.fixture(autouse=True)
def _service_types(request):
    """The seeded catalogue (a transactional test's flush removes the migration's rows)."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        ensure_service_types()


def settlement(name: str) -> Settlement:
    return Settlement.objects.get(name=name)


def service_type(code: str) -> ServiceType:
    return ServiceType.objects.get(code=code)


def point(forum, code: str, seat: str, served: tuple[str, ...] = (), **fields):
    return service_point_create(
        forum=forum, service_type=service_type(code), settlement=settlement(seat),
        provider_name=fields.pop("provider_name", f"{seat} {code}"),
        served_settlements=[settlement(name) for name in served], **fields,
    )
