from django import template

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
    return "–" if value is None or value == "" else huformat.number(value)
