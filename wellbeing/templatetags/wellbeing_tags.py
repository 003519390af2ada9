from django import template

register = template.Library()


@register.inclusion_tag("wellbeing/includes/checkin_banner.html", takes_context=True)
def checkin_banner(context):
    """The "a check-in is open" banner, for pages of agents who have not answered yet."""
    prompt = context.get("checkin_prompt")
    return {"prompt": prompt if prompt else None}


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{float(value) * 100:.0f}%"


@register.filter
def one_decimal(value) -> str:
    if value is None:
        return "–"
    return f"{float(value):.1f}"
