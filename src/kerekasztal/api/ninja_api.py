"""The NinjaAPI: /api/v1/ with the OpenAPI document; mounts every app's `api.router`.

Each app keeps its reads and writes in one router in its own `api.py`, mounted under
/api/v1/<app>/; an app whose URLs also lie under a forum (/forums/{slug}/events/ next to
/events/) sets `MOUNT = ""` in its `api.py` and writes its paths from /api/v1/."""

import importlib

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from kerekasztal.core.contracts import api_routers
from kerekasztal.core.throttle import AnonymousThrottle, TokenThrottle

from . import errors

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


def _mount(label: str) -> str:
    """Where an app's router is mounted: /api/v1/<app>/, or where its `api.MOUNT` says."""
    module = importlib.import_module(f"kerekasztal.{label}.api")
    return getattr(module, "MOUNT", f"/{label}/")


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
    for label, router in api_routers():
        api.add_router(_mount(label), router, url_name_prefix=label)
    return api
