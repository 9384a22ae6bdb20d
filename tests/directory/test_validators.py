import pytest
from django.core.exceptions import ValidationError

from kerekasztal.directory.validators import normalise_tax_number


@pytest.mark.parametrize("value", ["10773381-2-44", "10773381244", " 10773381-2-44 "])
def test_valid_tax_numbers_are_normalised(value):
    assert normalise_tax_number(value) == "10773381-2-44"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1077338-2-44", "tax_format"),
        ("10773382-2-44", "tax_checksum"),
        ("10773381-7-44", "tax_format"),
        ("10773381-2-21", "tax_area"),
        ("abc", "tax_format"),
    ],
)
def test_invalid_tax_numbers_get_a_clear_message(value, code):
    with pytest.raises(ValidationError) as error:
        normalise_tax_number(value)
    assert error.value.code == code
