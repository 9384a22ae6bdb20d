from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format

from kerekasztal.core import hungarian, nav
from kerekasztal.core.richtext import as_html

register = template.Library()


@register.inclusion_tag("components/workspace_nav.html", takes_context=True)
def workspace_nav(context):
    forum = context["forum"]
    request = context["request"]
    return {
        "links": nav.build("workspace_nav", forum.slug, context.get("allowed", set()),
                           request.path),
        "forum": forum,
    }


@register.inclusion_tag("components/public_nav.html", takes_context=True)
def public_nav(context):
    forum = context["forum"]
    request = context["request"]
    return {
        "links": nav.build("public_nav", forum.slug, context.get("allowed", set()), request.path),
        "forum": forum,
        "can_manage": "workspace.view" in context.get("allowed", set()),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def az(value):
    """`{{ meeting.number|az }}. ülés` → "az 1. ülés" / "a 10. ülés"."""
    return hungarian.with_article(value)


@register.filter
def Az(value):  # noqa: N802 - the capital letter is the point: it opens a sentence
    """`{{ forum.name|Az }}` → "Az Esélyteremtő…" / "A Kőszegi…"."""
    return hungarian.with_article(value, capital=True)


@register.filter
def article(value):
    """The article alone, for a quoted title: `{% blocktranslate with a=title|article %}`
    `{{ a }} „{{ title }}” rendezvény` → "az „Esélyteremtő…” rendezvény" (`|capfirst` opens a
    sentence). Only Hungarian takes it: under another language it is empty."""
    language = translation.get_language()
    if language and not language.startswith("hu"):
        return ""
    return hungarian.article(value)


@register.filter
def hu_date(value, suffix=""):
    """`{{ day|hu_date }}` → "2026. december 5."; `{{ day|hu_date:"on" }}` → "…5-én";
    "from", "until" and "of" as in core.hungarian.date_long. On English pages: "8 December
    2026" (the English sentence carries the preposition)."""
    if hasattr(value, "date") and callable(value.date):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    language = translation.get_language()
    if value is not None and language and not language.startswith("hu"):
        # Other languages have no day suffixes: their sentence says "until", "from".
        return date_format(value, "DATE_FORMAT")
    return hungarian.date_long(value, suffix)


def _places(places) -> int | None:
    return None if places in ("", None, "auto") else int(places)


@register.filter
def hu_number(value, places=0):
    """`{{ 12345|hu_number }}` → "12 345" (a narrow no-break space), `{{ 11.5|hu_number:1 }}`
    → "11,5", `{{ value|hu_number:"auto" }}` the places the value has ("12,5", "3"); a
    missing value "–". On English pages: "12,345", "11.5"."""
    try:
        return hungarian.page_number(value, _places(places))
    except (ArithmeticError, ValueError, TypeError):  # not a number: shown as it is
        return value


@register.filter
def hu_percent(value, places=1):
    """`{{ 85.5|hu_percent }}` → "85,5%", `{{ 140|hu_percent }}` → "140%" (the sign after the
    number without a space, AkH 12); a missing value "–". On English pages: "85.5%"."""
    try:
        return hungarian.page_percentage(value, int(places))
    except (ArithmeticError, ValueError, TypeError):  # not a number: shown as it is
        return value


@register.filter
def rich_text(value):
    """Stored rich text (minutes, news, agreement texts), sanitised again on output: the
    admin, a restore or an import can store HTML that never went through a form."""
    return as_html(value or "")
