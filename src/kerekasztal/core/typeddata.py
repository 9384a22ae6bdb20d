"""Services' model fields as a TypedDict (PEP 692: `**data: Unpack[MeetingFields]`), so mypy
checks every keyword at a call site, and the same names checked at run time, so a key the
TypedDict lacks (a form's extra field passed on with `**form.cleaned_data`) is refused
rather than silently set."""

from collections.abc import Iterable, Mapping
from typing import Any


def field_names(typed: type) -> tuple[str, ...]:
    """The keys of a TypedDict, in the order written (its own and those it extends)."""
    return tuple(typed.__annotations__)


def check_fields(data: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
    """Refuse keys that are not fields the service sets (a programming error, not bad input)."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")
