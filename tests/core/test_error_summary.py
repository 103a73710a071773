"""The error summary of every form: each problem once, in page order, linked to where it is fixed."""

from __future__ import annotations

from django import forms
from django.template import Context, Template

from apps.core.templatetags.form_errors import Problem, form_problems


class _Form(forms.Form):
    name = forms.CharField(label="Name")
    colours = forms.MultipleChoiceField(
        label="Colours", choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
    )

    def clean(self) -> dict:
        raise forms.ValidationError("Something is off as a whole.")


_Rows = forms.formset_factory(_Form, extra=0, max_num=1, validate_max=True)


def test_each_problem_links_to_its_field_and_a_checkbox_group_to_its_first_box():
    form = _Form(data={})

    problems = form_problems(form)

    assert problems == [
        Problem("", "", "Something is off as a whole."),
        Problem("id_name", "Name", "This field is required."),
        Problem("id_colours_0", "Colours", "This field is required."),
    ]


def test_a_row_sets_own_problem_links_to_the_row_set():
    rows = _Rows(data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-1-colours": "r"}, prefix="form")
    rows.title = "Rows"

    problems = form_problems({"rows": rows})

    assert problems[0] == Problem("rows-form", "Rows", "Please submit at most 1 form.")
    assert Problem("id_form-1-name", "Name", "This field is required.") in problems


def test_an_unsent_form_has_no_summary_and_a_refused_one_counts_its_problems():
    template = Template('{% include "core/_error_summary.html" with forms=form %}')

    unsent = template.render(Context({"form": _Form()}))
    refused = template.render(Context({"form": _Form(data={})}))

    assert "error-summary" not in unsent
    assert "The form has 3 problems" in refused
    assert '<a href="#id_name">Name: This field is required.</a>' in refused
