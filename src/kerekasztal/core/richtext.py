"""Rich text: what coordinators write (minutes, agreement texts, news) is sanitised with nh3
before it is stored, and only the allowed tags ever reach a page or a document."""

import nh3
from django import forms
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "h2", "h3", "h4", "ul", "ol", "li",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}


def sanitize(html: str) -> str:
    """Keep the harmless formatting, drop everything else (scripts, styles, events)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def as_html(text: str) -> SafeString:
    """Stored rich text for a template; sanitised again on the way out."""
    return mark_safe(sanitize(text))  # noqa: S308 - nh3 output


class RichTextWidget(forms.Textarea):
    """A textarea for formatted text (HTML, e.g. pasted from Word). Works without JavaScript;
    one place to enhance it with an editor later."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 12, "data-richtext": "true", **(attrs or {})})


class RichTextField(forms.CharField):
    widget = RichTextWidget

    def clean(self, value):
        return sanitize(super().clean(value))
