"""Page-number pagination that refuses pages out of range with a 400 and a clear body."""

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

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
                _("A(z) %(page)d. oldal nem létezik; az utolsó oldal: %(pages)d.")
                % {"page": pagination.page, "pages": pages},
                field="page")
        page = paginator.page(pagination.page) if paginator.count else []
        return {"count": paginator.count, "page": pagination.page, "pages": pages,
                "items": list(page)}
