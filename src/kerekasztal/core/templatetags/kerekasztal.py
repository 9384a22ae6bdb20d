from django import template

from kerekasztal.core import nav
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
def rich_text(value):
    """Stored rich text (minutes, news, agreement texts), sanitised again on output: the
    admin, a restore or an import can store HTML that never went through a form."""
    return as_html(value or "")
