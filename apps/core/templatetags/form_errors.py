"""The error summary at the top of a form: every message once, each linking to its field (WCAG 3.3.1, 3.3.3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()


@dataclass(frozen=True)
class Problem:
    """One message and where it is fixed: the id of the field (or of the row set), or '' for the whole form."""

    target: str
    label: str
    message: str


def _field_target(bound: forms.BoundField) -> str:
    # A group of checkboxes has no element of its own id: the first box is where the fix starts.
    if bound.widget_type == "checkboxselectmultiple":
        return f"{bound.auto_id}_0"
    return bound.auto_id or ""


def _form_problems(form: forms.BaseForm) -> Iterator[Problem]:
    for message in form.non_field_errors():
        yield Problem("", "", message)
    for bound in form:
        for message in bound.errors:
            yield Problem(_field_target(bound), str(bound.label), message)


def _problems(item: Any) -> Iterator[Problem]:
    if isinstance(item, BaseFormSet):
        for message in item.non_form_errors():
            yield Problem(f"rows-{item.prefix}", str(getattr(item, "title", "")), message)
        for row in item.forms:
            yield from _form_problems(row)
    elif isinstance(item, forms.BaseForm):
        yield from _form_problems(item)
    elif isinstance(item, Mapping):
        for value in item.values():
            yield from _problems(value)
    elif isinstance(item, Iterable) and not isinstance(item, str):
        for value in item:
            yield from _problems(value)


@register.simple_tag
def form_problems(*items: Any) -> list[Problem]:
    """The problems of forms, row sets (formsets) and dicts or lists of them, in the order they show on the page."""
    return [problem for item in items if item for problem in _problems(item)]
