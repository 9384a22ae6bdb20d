"""The NinjaAPI: /api/v1/ with the OpenAPI document; mounts every app's `api.router`."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from kerekasztal.core.contracts import api_routers

from . import endpoints, errors


def build() -> NinjaAPI:
    api = NinjaAPI(
        title="Kerekasztal API",
        version="1",
        description=str(_(
            "A fórumok nyilvános adatai (csak olvasás, kulcs nélkül) és írás a "
            "koordinátoroknak személyes API-kulccsal (Authorization: Bearer <kulcs>). "
            "Hibák: {\"detail\": ..., \"errors\": [{\"field\": ..., \"message\": ...}]}.")),
        urls_namespace="api:v1",
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    errors.install(api)
    api.add_router("", endpoints.router)
    for label, router in api_routers():
        api.add_router(f"/{label}/", router, url_name_prefix=label)
    return api
