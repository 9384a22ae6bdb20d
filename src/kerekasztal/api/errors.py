"""Consistent error bodies: {"detail": "...", "errors": [{"field": ..., "message": ...}]}."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

# The largest record id (a 64-bit signed integer, SQLite's and PostgreSQL's bigint): integer
# filters are bounded by it like the limits, so no value reaches the database unbounded.
MAX_ID = 2**63 - 1
RETRY_AFTER_SECONDS = 30


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


# Hungarian messages for the validation errors of pydantic (the request bodies and parameters
# ninja checks before an endpoint runs); the keys are pydantic's error types.
_DATE = gettext_lazy("Dátumot adjon meg ÉÉÉÉ-HH-NN alakban.")
_DATETIME = gettext_lazy("Időpontot adjon meg ÉÉÉÉ-HH-NNTóó:pp alakban (ISO 8601).")
_INTEGER = gettext_lazy("Egész számot adjon meg.")
_NUMBER = gettext_lazy("Számot adjon meg.")
_BOOL = gettext_lazy("Logikai értéket adjon meg (true vagy false).")
_OBJECT = gettext_lazy("JSON-objektumot adjon meg.")
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("Kötelező mező."),
    "extra_forbidden": gettext_lazy("Ismeretlen mező."),
    "json_invalid": gettext_lazy("A kérés törzse nem érvényes JSON."),
    "string_type": gettext_lazy("Szöveget adjon meg."),
    "string_too_short": gettext_lazy("Legalább %(min_length)s karakter legyen."),
    "string_too_long": gettext_lazy("Legfeljebb %(max_length)s karakter lehet."),
    "int_type": _INTEGER, "int_parsing": _INTEGER, "int_from_float": _INTEGER,
    "int_parsing_size": _INTEGER,
    "float_type": _NUMBER, "float_parsing": _NUMBER,
    "decimal_type": _NUMBER, "decimal_parsing": _NUMBER,
    "decimal_max_digits": gettext_lazy("Legfeljebb %(max_digits)s számjegy lehet."),
    "decimal_max_places": gettext_lazy("Legfeljebb %(decimal_places)s tizedesjegy lehet."),
    "decimal_whole_digits": gettext_lazy("Túl sok egészjegy."),
    "greater_than_equal": gettext_lazy("Legalább %(ge)s legyen."),
    "greater_than": gettext_lazy("Nagyobb legyen, mint %(gt)s."),
    "less_than_equal": gettext_lazy("Legfeljebb %(le)s lehet."),
    "less_than": gettext_lazy("Kisebb legyen, mint %(lt)s."),
    "bool_type": _BOOL, "bool_parsing": _BOOL,
    "date_type": _DATE, "date_parsing": _DATE, "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _DATETIME, "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME, "datetime_object_invalid": _DATETIME,
    "enum": gettext_lazy("Érvénytelen érték; lehetséges: %(expected)s."),
    "literal_error": gettext_lazy("Érvénytelen érték; lehetséges: %(expected)s."),
    "list_type": gettext_lazy("Listát adjon meg."),
    "too_short": gettext_lazy("Legalább %(min_length)s elem kell."),
    "too_long": gettext_lazy("Legfeljebb %(max_length)s elem lehet."),
    "dict_type": _OBJECT, "model_type": _OBJECT, "model_attributes_type": _OBJECT,
}


def pydantic_message(error: dict) -> str:
    """The Hungarian message of one pydantic error (a general one for rare types)."""
    if error.get("type") == "missing" and len(error.get("loc") or ()) == 2 \
            and error["loc"][0] == "body":
        return _("Hiányzik a kérés törzse (egy JSON-objektum).")
    message = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if message is None:
        return _("Érvénytelen érték.")
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return str(message) % context if "%(" in str(message) else str(message)
    except (KeyError, ValueError):
        return _("Érvénytelen érték.")


def _location(loc) -> str | None:
    """`title` rather than `body.payload.title`; `page` rather than `query.page`."""
    parts = [str(part) for part in loc]
    if parts[:1] == ["body"]:
        parts = parts[2:] if len(parts) > 2 else []
    else:
        parts = parts[1:]
    return ".".join(parts) or None


def _body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def install(api) -> None:
    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return api.create_response(request, _body(exc.message, errors), status=400)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc):
        errors = [{"field": _location(error.get("loc", [])),
                   "message": pydantic_message(error)} for error in exc.errors]
        return api.create_response(request, _body(_("Hibás kérés."), errors), status=400)

    @api.exception_handler(DjangoValidationError)
    def model_invalid(request, exc):
        if hasattr(exc, "error_dict"):
            errors = [{"field": None if field == NON_FIELD_ERRORS else field,
                       "message": message}
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
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = str(PYDANTIC_MESSAGES["json_invalid"])
        return api.create_response(request, _body(message), status=exc.status_code)

    @api.exception_handler(OverflowError)
    def overflow(request, exc):
        """The last guard for an integer no filter bounded (an id in a path or a body)."""
        message = _("Túl nagy szám: legfeljebb %(max)s lehet.") % {"max": MAX_ID}
        return api.create_response(request, _body(message), status=400)

    def database_unavailable(request, exc):
        response = api.create_response(
            request, _body(_("Az adatbázis átmenetileg nem érhető el; próbálja újra később.")),
            status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(OperationalError, database_unavailable)
    api.add_exception_handler(InterfaceError, database_unavailable)
