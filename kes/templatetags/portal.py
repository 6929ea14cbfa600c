"""Template helpers for the design system (DKFDS): icons, form widgets, navigation."""

from django import forms, template
from django.template.defaulttags import querystring
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from kes.answer_text import answer_text
from kes.navigation import staff_navigation

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = ""):
    """An icon from the DKFDS sprite; decorative unless it has a label."""
    href = f"{static('dkfds/img/all-svg-icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon-svg" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            label,
            href,
        )
    return format_html(
        '<svg class="icon-svg" focusable="false" aria-hidden="true"><use href="{}"></use></svg>',
        href,
    )


_WIDGET_CLASSES = (
    (forms.CheckboxSelectMultiple, "form-checkbox"),
    (forms.RadioSelect, "form-radio"),
    (forms.CheckboxInput, "form-checkbox"),
    (forms.Select, "form-select"),
    (forms.SelectMultiple, "form-select"),
    (forms.FileInput, "form-file-input"),
)


def widget_class(widget: forms.Widget) -> str:
    for widget_type, css in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css
    return "form-input"


@register.filter
def dkfds_widget(field: forms.BoundField):
    """Render a field's widget with the design system's class.

    Django links the hint (``<id>_helptext``) and the errors (``<id>_error``) with
    ``aria-describedby`` and marks an invalid field with ``aria-invalid``;
    ``forms/hint_and_errors.html`` uses the same ids.
    """
    widget = field.field.widget
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{widget_class(widget)} {existing}".strip()})


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def limit(field: forms.BoundField) -> int | None:
    """The character limit of a long text field, for the DKFDS character counter."""
    if isinstance(field.field.widget, forms.Textarea):
        return getattr(field.field, "max_length", None)
    return None


@register.simple_tag(takes_context=True)
def staff_menu(context):
    request = context.get("request")
    if request is None:
        return []
    return staff_navigation(request.user, request.path)


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*args):
    """``{% breadcrumbs "url-name" _("Parent") _("This page") %}``: pairs, then the page."""
    *pairs, current = args
    crumbs = []
    for name, label in zip(pairs[::2], pairs[1::2], strict=True):
        crumbs.append((name if name.startswith("/") else reverse(name), label))
    crumbs.append(("", current))
    return {"crumbs": crumbs}


@register.filter
def first_input_id(field: forms.BoundField) -> str:
    """The id the error summary links to: the field, or a group's first option."""
    if isinstance(field.field.widget, forms.MultiWidget):
        return f"{field.auto_id}_0"  # a group of inputs (a period): its first
    if field.field.widget.use_fieldset and getattr(field.field, "choices", None):
        subwidgets = field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else field.auto_id
    return field.id_for_label or field.auto_id


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` for dicts in templates (answers stored as JSON)."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.simple_tag
def page_numbers(page, on_each_side=2, on_ends=1) -> list:
    """The page links of a Django ``Page``, elided ("1 2 … 9 10 11 … 253 254"): a long
    list never renders a link to every page."""
    paginator = page.paginator
    return list(
        paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=on_ends)
    )


@register.simple_tag(takes_context=True)
def page_query(context, number, param="page", anchor="") -> str:
    """``{% querystring page=number %}`` with the parameter's name a variable: a page with
    two paginated tables gives each its own (``?pilots_page=``) and keeps the other's;
    ``anchor`` lands the link at its table rather than the top of a long page."""
    query = querystring(context, **{param or "page": number})
    return f"{query}#{anchor}" if anchor else query


@register.filter(name="answer_text")
def answer_text_filter(value, question_type=""):
    """``{{ value|answer_text:question.type }}``: a stored answer as ``kes.answer_text``
    shows it (dates and periods in the reader's long date format)."""
    return answer_text(value, question_type)
