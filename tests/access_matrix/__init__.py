"""The access matrix: every URL pattern × every role × the expected outcome.

Each app lists its rows in `rows_<app>.py` (a ROWS list). test_matrix.py runs them all and
fails when the project has a URL pattern that no row covers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Outcome(Enum):
    OK = "ok"  # 2xx, or a redirect that is not to a login page
    LOGIN = "login"  # redirect to a login page
    DENY = "deny"  # 403
    MISSING = "missing"  # 404: the object is hidden from this viewer
    TOKEN = "token"  # 401: the JSON API wants an API token (a session is not enough)


ROLES = ("anonymous", "outsider", "member", "settlement_officer", "auditor", "coordinator",
         "operator")
FORUM_ROLES = ("member", "settlement_officer", "auditor", "coordinator")

OK, LOGIN, DENY, MISSING = Outcome.OK, Outcome.LOGIN, Outcome.DENY, Outcome.MISSING
TOKEN = Outcome.TOKEN


def public() -> dict[str, Outcome]:
    """Anyone may open it."""
    return {role: OK for role in ROLES}


def logged_in() -> dict[str, Outcome]:
    return {role: (LOGIN if role == "anonymous" else OK) for role in ROLES}


def workspace(*allowed: str) -> dict[str, Outcome]:
    """A workspace page of the forum: only the listed roles; anonymous must log in."""
    unknown = set(allowed) - set(ROLES)
    assert not unknown, unknown
    return {
        role: (LOGIN if role == "anonymous" else OK if role in allowed else DENY)
        for role in ROLES
    }


def operator_only() -> dict[str, Outcome]:
    return {role: (OK if role == "operator" else LOGIN) for role in ROLES}


@dataclass
class Row:
    name: str
    kwargs: Callable[[Any], dict[str, Any]]
    expect: dict[str, Outcome]
    method: str = "GET"
    data: Callable[[Any], dict[str, Any]] = field(default=lambda world: {})
    setup: Callable[[Any], None] | None = None
    query: str = ""

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        assert not missing, f"{self.name}: no expectation for {missing}"

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{'?' + self.query if self.query else ''}"


def forum(world) -> dict[str, Any]:
    return {"forum": world.forum.slug}
