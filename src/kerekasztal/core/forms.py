from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


class ValidationErrorsMixin:
    """Puts a model's or a service's ValidationError on the form, whatever fields it names.

    Django raises ValueError when an error names a field the form does not have (a model's
    clean() checking a field the view sets later, a service's error on a derived field):
    such errors become non-field errors here, so a form never answers 500 for them.
    """

    def add_error(self, field, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if field is None and hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                known = name == NON_FIELD_ERRORS or name in self.fields
                super().add_error(name if known else None, errors)
            return
        if field not in (None, NON_FIELD_ERRORS) and field not in self.fields:
            field = None
        super().add_error(field, error)


class HungarianEmptyChoiceMixin:
    """Empty select options say what they mean, the same way everywhere: "– válasszon –"
    where a choice is required, "– nincs megadva –" where it may stay empty (never Django's
    "---------"). A form that sets its own empty label keeps it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = _("– válasszon –") if field.required else _("– nincs megadva –")
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == "---------":
                    field.empty_label = label
            elif isinstance(field, forms.ChoiceField):
                choices = list(field.choices)
                if any(value == "" and text == "---------" for value, text in choices):
                    field.choices = [(value, label if value == "" and text == "---------"
                                      else text) for value, text in choices]


class Form(ValidationErrorsMixin, HungarianEmptyChoiceMixin, forms.Form):
    pass


class ModelForm(ValidationErrorsMixin, HungarianEmptyChoiceMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class UploadForm(Form):
    file = forms.FileField(label=_("Fájl (CSV vagy XLSX)"))


class ConfirmForm(Form):
    """A POST with nothing but the CSRF token."""



class DecimalCommaField(forms.DecimalField):
    """A decimal number as Hungarians type it: "11,5", "1 250,75" (spaces or no-break spaces
    between thousands); a decimal point is accepted too. Rendered as a text input with the
    decimal keyboard (a browser's number input refuses the comma) and shown with a comma."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)
        self.widget.attrs.pop("step", None)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u00a0", "").replace("\u202f", "")
            value = value.replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        from decimal import Decimal

        if isinstance(value, Decimal):
            text = format(value.normalize() if value == value.to_integral_value() else value,
                          "f")
            return text.replace(".", ",")
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs
