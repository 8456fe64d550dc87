"""Posting an admin change form as a browser would: every field as the page shows it."""

from django import forms


def _put(data, bound):
    field, name = bound.field, bound.html_name
    value = bound.value()
    widget = field.widget
    if isinstance(field, forms.FileField) or value is None:
        return
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        for index, part in enumerate(parts):
            if part is not None:
                data[f"{name}_{index}"] = str(part)
        return
    if isinstance(field, forms.BooleanField) or isinstance(widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
        return
    if isinstance(value, list | tuple):
        data[name] = [str(v) for v in value]
        return
    data[name] = str(value)


def form_data(response) -> dict:
    """The story form (and its inline formsets) of an admin add or change page."""
    data = {}
    form = response.context["adminform"].form
    for bound in form:
        _put(data, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = str(bound.value())
        for inline_form in formset.initial_forms:
            for bound in inline_form:
                _put(data, bound)
        # Extra rows are posted blank.
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
    return data
