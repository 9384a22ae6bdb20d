"""Navigation entries declared by each app (AppConfig.workspace_nav / public_nav),
so that an app adds its pages to the menus without touching shared templates."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    action: str | None = None  # an access rule (core/access/); None = everyone
    order: int = 50
    exact: bool = False  # current only on this very URL, not on pages below it


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


def build(attribute: str, forum_slug: str, allowed: set[str] | None, path: str) -> list[NavLink]:
    items = sorted(
        (item for config in apps.get_app_configs() for item in getattr(config, attribute, ())),
        key=lambda item: item.order,
    )
    links = []
    for item in items:
        if item.action is not None and (allowed is None or item.action not in allowed):
            continue
        url = reverse(item.url_name, kwargs={"forum": forum_slug})
        current = path == url if item.exact else path.startswith(url)
        links.append(NavLink(str(item.label), url, current))
    return links
