from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Fájl (CSV vagy XLSX)"))


class ConfirmForm(forms.Form):
    """A POST with nothing but the CSRF token."""
