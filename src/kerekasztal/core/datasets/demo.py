"""The demo data set: `kerekasztal demo`. Idempotent: running it again changes nothing.

Each app may add to it with a module `<app>/demo.py` defining `build(ctx: DemoContext)`;
they run in INSTALLED_APPS order, the forums app first of the domain apps.
"""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import transaction

DEMO_PASSWORD = "kerekasztal-demo"  # noqa: S105 - published demo logins, printed by make run


@dataclass
class DemoContext:
    forum: Any = None
    users: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)


@transaction.atomic
def demo_load() -> DemoContext:
    ctx = DemoContext()
    for config in apps.get_app_configs():
        if not config.name.startswith("kerekasztal."):
            continue
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        module.build(ctx)
    return ctx
