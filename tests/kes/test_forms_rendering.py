"""Every form renders through forms/form.html and forms/field.html (DKFDS markup)."""

import pytest
from django import forms
from django.utils import translation

from cases.forms.accounts import BusinessRegistrationForm


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As in the CVR register")
    note = forms.CharField(label="Note", required=False, max_length=500, widget=forms.Textarea)
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")


def test_error_summary_lists_each_error_linked_to_its_field():
    html = str(SampleForm(data={}))
    assert 'data-module="error-summary"' in html
    assert 'href="#id_name"' in html
    assert 'href="#id_kind_0"' in html  # a radio group links to its first option
    assert 'href="#id_agree"' in html
    assert 'href="#id_note"' not in html  # optional and empty: no error


def test_invalid_field_is_described_by_hint_and_error():
    html = str(SampleForm(data={}))
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'class="form-group form-error"' in html


def test_widgets_carry_design_system_classes():
    html = str(SampleForm())
    assert 'class="form-input"' in html
    assert 'class="form-radio"' in html
    assert 'class="form-checkbox"' in html
    assert "error-summary" not in html


def test_radio_label_follows_its_input_so_the_focus_ring_shows():
    html = str(SampleForm())
    assert '<input type="radio" name="kind" value="a"' in html
    assert 'id="id_kind_0"><label class="form-label" for="id_kind_0">A</label>' in html


def test_optional_field_is_marked_and_long_text_has_a_counter():
    html = str(SampleForm())
    assert '<span class="weight-normal"> (optional)</span>' in html
    assert 'data-maxlength="500"' in html and "form-limit" in html


def test_registration_form_uses_the_same_rendering():
    html = str(BusinessRegistrationForm(data={"cvr": "123"}))
    assert 'href="#id_cvr"' in html and "exactly 8 digits" in html
