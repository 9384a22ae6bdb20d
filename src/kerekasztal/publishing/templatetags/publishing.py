from django import template

from kerekasztal.core.richtext import as_html

register = template.Library()


@register.filter
def rich_text(value):
    """Stored rich text, sanitised again on the way out."""
    return as_html(value or "")
