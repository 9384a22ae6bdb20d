"""Small helpers that every app's views share."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import access

PAGE_SIZE = 50


def render_workspace(
    request: HttpRequest, forum: Any, template: str, context: dict[str, Any] | None = None,
    *, status: int = 200,
) -> HttpResponse:
    """A page of a forum's workspace: adds the forum and what the viewer may do in it."""
    context = dict(context or {})
    context.setdefault("forum", forum)
    context["allowed"] = access.allowed_actions(request.user, forum)
    context["roles"] = access.roles_in(request.user, forum)
    return render(request, template, context, status=status)


def render_public(
    request: HttpRequest, forum: Any, template: str, context: dict[str, Any] | None = None,
    *, status: int = 200,
) -> HttpResponse:
    """A page of a forum's public site."""
    context = dict(context or {})
    context.setdefault("forum", forum)
    context["allowed"] = access.allowed_actions(request.user, forum)
    return render(request, template, context, status=status)


def paginate(request: HttpRequest, queryset: Any, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
