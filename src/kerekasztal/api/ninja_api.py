"""The NinjaAPI: /api/v1/ with the OpenAPI document; mounts every app's `api.router`."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from kerekasztal.core.contracts import api_routers
from kerekasztal.core.throttle import AnonymousThrottle, TokenThrottle

from . import endpoints, errors, write_events, write_meetings, write_plans

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object",
            "properties": {"field": {"type": ["string", "null"]}, "message": {"type": "string"}},
        }},
    },
    "required": ["detail", "errors"],
}
ERROR_RESPONSES = {
    "400": "Hibás kérés: ismeretlen szűrő, hibás érték vagy lap a tartományon kívül.",
    "401": "Hiányzó vagy érvénytelen API-kulcs.",
    "403": "A kulcs gazdája ezt nem teheti meg.",
    "404": "Nem található.",
    "429": "Túl sok kérés (API_TOKEN_RATE / API_ANONYMOUS_RATE): próbálja később.",
    "503": "Az adatbázis átmenetileg nem érhető el (Retry-After fejléc).",
}


class StaticSwagger(DocsBase):
    """Swagger UI from npm, served from our static files: no CDN, no inline script, so the
    page works under the platform's Content Security Policy and offline."""

    def render_page(self, request, api, **kwargs):
        return render(request, "api/docs.html", {
            "schema_url": self.get_openapi_url(api, kwargs)})


class KerekasztalAPI(NinjaAPI):
    """Documents the error bodies that `errors.install` gives every operation."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = ERROR_SCHEMA
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                for status, description in ERROR_RESPONSES.items():
                    operation["responses"].setdefault(status, {
                        "description": description,
                        "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/ApiError"}}},
                    })
        return schema


def build() -> NinjaAPI:
    api = KerekasztalAPI(
        title="Kerekasztal API",
        version="1",
        description=str(_(
            "A fórumok nyilvános adatai (csak olvasás, kulcs nélkül) és írás a "
            "koordinátoroknak személyes API-kulccsal (Authorization: Bearer <kulcs>). "
            "Hibák: {\"detail\": ..., \"errors\": [{\"field\": ..., \"message\": ...}]}.")),
        urls_namespace="api:v1",
        docs=StaticSwagger(),
        docs_url="/docs",
        openapi_url="/openapi.json",
        throttle=[TokenThrottle(), AnonymousThrottle()],
    )
    errors.install(api)
    api.add_router("", endpoints.router)
    for writes in (write_events, write_meetings, write_plans):
        api.add_router("", writes.router)
    for label, router in api_routers():
        api.add_router(f"/{label}/", router, url_name_prefix=label)
    return api
