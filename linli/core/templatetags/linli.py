from django import template

register = template.Library()


@register.filter
def widget(field, css: str = "form-control"):
    """Render a form field's widget with Bootstrap classes, marked invalid when it has errors."""
    classes = css + (" is-invalid" if field.errors else "")
    attrs = {"class": classes}
    if field.errors:
        attrs["aria-describedby"] = f"{field.id_for_label}_error"
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping, key):
    """`{{ d|get_item:k }}`: a dict's value for a key held in a variable (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
