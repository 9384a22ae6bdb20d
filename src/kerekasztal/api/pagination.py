"""Page-number pagination that refuses pages out of range with a 400 and a clear body, and
the bounded limit/offset pagination the apps' routers use by default (settings)."""

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PaginationBase

from kerekasztal.core import hungarian

from .errors import BadRequest

MAX_PAGE_SIZE = 100


class PageNumber(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, description="Az oldal sorszáma (1-től).")
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE,
                               description=f"Elemek száma oldalanként (1–{MAX_PAGE_SIZE}).")

    class Output(Schema):
        count: int
        page: int
        pages: int
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        paginator = Paginator(queryset, pagination.page_size)
        pages = max(paginator.num_pages, 1)
        if pagination.page > pages:
            raise BadRequest(
                _("%(page)s. oldal nem létezik; az utolsó oldal: %(pages)d.")
                % {"page": hungarian.with_article(pagination.page, capital=True),
                   "pages": pages},
                field="page")
        page = paginator.page(pagination.page) if paginator.count else []
        return {"count": paginator.count, "page": pagination.page, "pages": pages,
                "items": list(page)}


class BoundedLimitOffset(LimitOffsetPagination):
    """The default `@paginate` of the apps' routers: limit and offset as in django-ninja,
    bounded so that no number from a query string can reach the database as an
    out-of-range integer (answered 400 with the error body instead)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10_000_000)
