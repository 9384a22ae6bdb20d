"""No form ever answers 500 (issue 17).

Every URL of the access matrix is opened (GET) as the first role the matrix lets in; every
`<form method="post">` on the page is then posted to its action:

1. empty (only what a browser sends for an untouched form with nothing filled in: nothing),
2. with each option of each select and radio group (the first few), other fields plausible,
3. with hostile values: very long strings, far past/future and impossible dates, negative
   numbers, decimal commas, huge numbers, text in number fields, a broken e-mail address.

Every answer must be below 500; an exception fails the test with the URL, field and value.
Each POST runs in a savepoint that is rolled back, so the forms do not change one another's
world.
"""

import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.access_matrix import OK
from tests.access_matrix.test_matrix import ROWS
from tests.conftest import World

ROLE_ORDER = ("coordinator", "settlement_officer", "member", "auditor", "anonymous", "operator")
SKIPPED_ACTIONS = ("/login/", "/logout/", "/i18n/", "/admin/", "/api/")
MAX_OPTIONS = 3
TEXT_TYPES = {"text", "search", "tel", "password", "url", "email", None}
CHECKABLE = {"checkbox", "radio"}
IGNORED_TYPES = {"submit", "button", "reset", "image", "file"}

LONG = "á" * 10_000
# Put into every text, date and number field of a form at once.
HOSTILE_TEXT = [LONG, "-1", "11,5", "1e30", "abc", "2026-02-30"]
# Put into every field of a type at once (text fields get LONG above).
HOSTILE_BY_TYPE = {
    "date": ["1900-01-01", "2999-12-31", "2026-02-30"],
    "datetime-local": ["1900-01-01T00:00", "2999-12-31T23:59", "2026-02-30T10:00"],
    "time": ["25:61"],
    "number": ["-1", "11,5", "1e30"],
    "email": ["x@"],
    "select": ["abc"],
    "hidden": ["abc"],
}
PLAUSIBLE = {
    "date": "2027-01-15",
    "datetime-local": "2027-01-15T10:00",
    "time": "10:00",
    "number": "1",
    "email": "teszt@example.org",
    "url": "https://example.org/",
    "tel": "+36 30 123 4567",
    "month": "2027-01",
}


@dataclass
class Field:
    name: str
    kind: str  # an input type, "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class PostForm:
    action: str
    fields: list[Field] = field(default_factory=list)


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[PostForm] = []
        self._form: PostForm | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None
        self._selected: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = PostForm(action=a.get("action") or "")
                self.forms.append(self._form)
            else:
                self._form = None
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in CHECKABLE:
                value = a.get("value", "on")
                existing = next((f for f in self._form.fields
                                 if f.name == name and f.kind == kind), None)
                if existing is None:
                    existing = Field(name, kind)
                    self._form.fields.append(existing)
                existing.options.append(value)
                if "checked" in a:
                    existing.checked = True
                    existing.value = value
            elif kind not in IGNORED_TYPES:
                self._form.fields.append(Field(name, kind, a.get("value", "")))
        elif tag == "select" and name and "disabled" not in a:
            self._select = Field(name, "select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._select.options.append(value if value is not None else "")
            if "selected" in a:
                self._select.value = self._select.options[-1]
        elif tag == "textarea" and name and "disabled" not in a:
            self._textarea = Field(name, "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _plausible(f: Field) -> str | None:
    if f.kind == "select":
        if f.value:
            return f.value
        return next((o for o in f.options if o), f.options[0] if f.options else "")
    if f.kind in CHECKABLE:
        return f.value if f.checked else (f.options[0] if f.kind == "radio" else None)
    if f.value:
        return f.value
    if f.kind == "textarea":
        return "Szöveg a mezőben."
    if f.kind == "hidden":
        return ""
    return PLAUSIBLE.get(f.kind, "Teszt érték")


def _base(form: PostForm) -> dict[str, str]:
    data = {}
    for f in form.fields:
        value = _plausible(f)
        if value is not None:
            data[f.name] = value
    return data


def _variants(form: PostForm):
    """(description, data) pairs to post: a few dozen per form whatever its size, so every
    form of the platform is walked in a few minutes."""
    yield "empty", {}
    base = _base(form)
    yield "plausible", base
    choosers = [f for f in form.fields if f.kind in ("select", "radio")]
    for index in range(MAX_OPTIONS):
        # every select and radio group at its n-th option at once
        data = {**base, **{f.name: f.options[index] for f in choosers
                           if index < len(f.options)}}
        if data != base:
            yield f"option #{index + 1} of every select", data
    boxes = [f for f in form.fields if f.kind == "checkbox"]
    if boxes:
        data = dict(base)
        for f in boxes:
            if f.name in data:
                data.pop(f.name)
            else:
                data[f.name] = f.options[0]
        yield "every checkbox toggled", data
    typed = [f for f in form.fields if f.kind not in CHECKABLE]
    # Each hostile value in every field it may go into at once...
    for value in HOSTILE_TEXT:
        data = {**base, **{f.name: value for f in typed
                           if f.kind in TEXT_TYPES | {"textarea", "date", "number"}}}
        yield f"all fields={value[:20]!r}", data
    # ... and each type's hostile values in every field of that type.
    for kind, values in HOSTILE_BY_TYPE.items():
        fields = [f for f in typed if f.kind == kind]
        for value in values if fields else []:
            yield f"every {kind} field={value[:20]!r}", {**base, **{f.name: value
                                                                   for f in fields}}


def _first_allowed_role(row):
    return next((role for role in ROLE_ORDER if row.expect[role] == OK), None)


FORM_ROWS = [
    row for row in ROWS
    if row.method == "GET" and not row.name.startswith(("admin:", "api:"))
    and _first_allowed_role(row)
]


@pytest.mark.parametrize("row", FORM_ROWS, ids=lambda row: row.id)
@pytest.mark.django_db
def test_no_form_answers_500(row, media):
    world = World()
    if row.setup:
        row.setup(world)
    url = reverse(row.name, kwargs=row.kwargs(world))
    if row.query:
        url = f"{url}?{row.query}"
    client = Client(enforce_csrf_checks=False, raise_request_exception=True)
    user = world.user(_first_allowed_role(row))
    if user is not None:
        client.force_login(user)
    page = client.get(url)
    if page.status_code != 200 or "html" not in page.headers.get("Content-Type", ""):
        return
    parser = FormParser()
    parser.feed(page.content.decode())
    failures = []
    for form in parser.forms:
        action = urljoin(url, form.action)
        if urlsplit(action).path.startswith(SKIPPED_ACTIONS) or any(
            part in action for part in SKIPPED_ACTIONS
        ):
            continue
        for description, data in _variants(form):
            with transaction.atomic():
                try:
                    response = client.post(action, data)
                except Exception:  # noqa: BLE001 - reported with the URL and value
                    failures.append(f"POST {action} {description}:\n"
                                    + "".join(traceback.format_exc(limit=-4)))
                    response = None
                transaction.set_rollback(True)
            if response is not None and response.status_code >= 500:
                failures.append(f"POST {action} {description}: {response.status_code}")
    assert not failures, "\n".join(failures)
