from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..labels import STATUS_BADGE_CLASSES, STATUS_LABELS

register = template.Library()


@register.simple_tag
def status_badge(cell: str):
    """The badge of a matrix cell status, labelled from `courses.labels`."""
    if cell not in STATUS_BADGE_CLASSES:
        return mark_safe('<span class="badge badge-none">—</span>')
    css = " ".join(filter(None, ("badge", STATUS_BADGE_CLASSES[cell])))
    return format_html('<span class="{}">{}</span>', css, STATUS_LABELS[cell])
