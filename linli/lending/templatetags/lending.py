from django import template

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """1250 (分) → “12.50”; amounts are kept in fen, shown in yuan."""
    try:
        value = int(fen or 0)
    except (TypeError, ValueError):
        return ""
    return f"{value // 100}.{value % 100:02d}"
