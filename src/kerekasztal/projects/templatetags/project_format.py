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
    """The places the value has ("12,5", "12 345"; core's `hu_number:"auto"`), or "–"."""
    return "–" if value is None or value == "" else hungarian.page_number(value, None)


@register.simple_tag
def measured(value, unit=""):
    """A figure with its unit ("14 fő"), or "–" read out as "nincs még adat" when nothing was
    measured: a missing value is never shown as 0."""
    from django.utils.html import format_html
    from django.utils.translation import gettext

    if value is None or value == "":
        return format_html('–<span class="visually-hidden"> ({})</span>',
                           gettext("nincs még adat"))
    return f"{huformat.number(value)} {unit}".strip()
