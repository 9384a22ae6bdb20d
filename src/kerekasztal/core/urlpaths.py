"""Route helpers: a forum's public site lives under /f/<forum>/, its workspace under
/f/<forum>/manage/ (DESIGN.md)."""

from django.urls import path, register_converter


class TableFormat:
    """The format of a list export: csv or xlsx."""

    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TableFormat, "fmt")


def forum_public(route: str, view, name: str, kwargs: dict | None = None):
    return path(f"f/<slug:forum>/{route}", view, kwargs, name=name)


def forum_manage(route: str, view, name: str, kwargs: dict | None = None):
    return path(f"f/<slug:forum>/manage/{route}", view, kwargs, name=name)
