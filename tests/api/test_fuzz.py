"""API fuzzing: schemathesis generates requests from the OpenAPI schema for every
operation; no answer may be a server error, and every answer must match the schema
(status code documented, body shape, content type).

The checks are what the API promises: no server error, and every answer conforms to the
schema. Whether schema-valid requests are all accepted or schema-violating ones all refused
is not checked: a page past the last one is schema-valid but refused with 400 on purpose,
and query values are parsed leniently (a date given as a Unix timestamp is accepted)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kerekasztal.api.urls import api

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()


@pytest.fixture
def demo(in_process_app):
    """The demo data (committed once per module; each case's changes are rolled back)."""
    return in_process_app


@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@pytest.mark.usefixtures("demo")
def test_api_answers_every_generated_request_without_server_error(case):
    case.call_and_validate(checks=CHECKS)
