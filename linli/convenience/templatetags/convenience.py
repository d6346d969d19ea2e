from django import template

from linli.convenience.money import yuan as _yuan

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """Fen shown in yuan: 3550 → "35.50"."""
    try:
        return _yuan(fen)
    except (TypeError, ValueError):
        return ""
