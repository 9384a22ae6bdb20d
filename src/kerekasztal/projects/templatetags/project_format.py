from django import template

from kerekasztal.core import hungarian
from kerekasztal.projects import huformat

register = template.Library()


@register.filter
def forints(value):
    return "" if value is None else huformat.forints(value)


@register.filter
def million_forints(value):
    return "" if value is None else huformat.million_forints(value)


@register.filter
def hunumber(value):
    """The places the value has ("12,5", "12 345"); core's `hu_number:"auto"`."""
    return hungarian.page_number(value, None)
