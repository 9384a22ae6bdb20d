"""Consistent error bodies: {"detail": "...", "errors": [{"field": ..., "message": ...}]}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class BadRequest(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def reject_unknown(request, allowed: set[str]) -> None:
    """Unknown query parameters are an error, not silently ignored."""
    unknown = sorted(set(request.GET) - allowed - {"page", "page_size"})
    if unknown:
        raise BadRequest(
            _("Ismeretlen szűrő: %(names)s. Használható: %(allowed)s.")
            % {"names": ", ".join(unknown),
               "allowed": ", ".join(sorted(allowed | {"page", "page_size"}))},
            field=unknown[0])


def _body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def install(api) -> None:
    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return api.create_response(request, _body(exc.message, errors), status=400)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc):
        errors = [{"field": ".".join(str(part) for part in error.get("loc", [])[1:]) or None,
                   "message": error.get("msg", "")} for error in exc.errors]
        return api.create_response(request, _body(_("Hibás kérés."), errors), status=400)

    @api.exception_handler(DjangoValidationError)
    def model_invalid(request, exc):
        if hasattr(exc, "error_dict"):
            errors = [{"field": field, "message": message}
                      for field, messages in exc.message_dict.items() for message in messages]
        else:
            errors = [{"field": None, "message": message} for message in exc.messages]
        return api.create_response(request, _body(_("Hibás adatok."), errors), status=400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, _body(_("Nem található.")), status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = api.create_response(
            request, _body(_("Érvényes API-kulcs szükséges (Authorization: Bearer <kulcs>).")),
            status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, _body(_("Ehhez nincs jogosultsága.")), status=403)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, _body(str(exc)), status=exc.status_code)
