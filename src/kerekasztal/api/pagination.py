"""The one pagination of every list of the API: page numbers (`page` from 1, `page_size`
1–100), answered as {"count", "page", "pages", "items"}; a page out of range is a 400 with a
clear body. Every number is bounded, so none reaches the database out of range."""

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

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
