import datetime
import hashlib
import json
import re
from decimal import Decimal

from django import forms
from django.core import signing, validators
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.hungarian import DATE_INPUT_FORMATS

# Django's Hungarian limit messages are clumsy ("Bizonyosodjon meg arról, hogy az érték 100,
# vagy kisebb."): every form says them plainly, whether a form field's or a model's validator
# found the problem.
NATURAL_MESSAGES = {
    "max_value": _("Legfeljebb %(limit_value)s lehet."),
    "min_value": _("Legalább %(limit_value)s lehet."),
    "max_length": _("Legfeljebb %(limit_value)s karakter lehet."),
    "min_length": _("Legalább %(limit_value)s karakter legyen."),
}


_DJANGO_DEFAULTS = (validators.MaxValueValidator.message, validators.MinValueValidator.message,
                    validators.MaxLengthValidator.message, validators.MinLengthValidator.message)


def _limit_text(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(formats.number_format(value, use_l10n=True))
    return str(value)


def natural_messages(error: ValidationError) -> ValidationError:
    """The error with Django's limit messages (max/min value and length) said plainly."""
    if hasattr(error, "error_dict"):
        return ValidationError({name: [natural_messages(item) for item in items]
                                for name, items in error.error_dict.items()})
    if not hasattr(error, "message"):
        return ValidationError([natural_messages(item) for item in error.error_list])
    message = NATURAL_MESSAGES.get(error.code)
    if message is None or not error.params or "limit_value" not in error.params:
        return error
    if not any(error.message is default for default in _DJANGO_DEFAULTS):
        return error  # a validator's own message ("Az érték nem lehet negatív.") stays
    params = {**error.params, "limit_value": _limit_text(error.params["limit_value"])}
    return ValidationError(message, code=error.code, params=params)


class ValidationErrorsMixin:
    """Puts a model's or a service's ValidationError on the form, whatever fields it names.

    Django raises ValueError when an error names a field the form does not have (a model's
    clean() checking a field the view sets later, a service's error on a derived field):
    such errors become non-field errors here, so a form never answers 500 for them. Limit
    messages are reworded on the way (`natural_messages`).
    """

    def add_error(self, field, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        error = natural_messages(error)
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


VERSION_FIELD = "edit_version"
_VERSION_SALT = "kerekasztal.core.forms.edit_version"


def _field_digest(value) -> str:
    if isinstance(value, models.Model):
        value = value.pk
    elif isinstance(value, models.QuerySet | list | tuple | set):
        value = sorted(str(getattr(item, "pk", item)) for item in value)
    elif hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        value = value.name
    text = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def record_digests(instance: models.Model, names) -> dict[str, str]:
    """A short digest of each named field's stored value (many-to-many: the related ids)."""
    opts = instance._meta
    digests = {}
    for name in names:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:  # a form field that is not a model field
            continue
        if isinstance(field, models.ManyToManyField):
            value = list(getattr(instance, name).values_list("pk", flat=True)) if instance.pk \
                else []
        elif getattr(field, "concrete", False) and not field.auto_created:
            value = getattr(instance, field.attname)
        else:
            continue
        digests[name] = _field_digest(value)
    return digests


class OptimisticConcurrencyMixin:
    """Refuses a save when someone else changed the record since the form was loaded
    (issue 17): the form carries a signed digest of each edited field's value as loaded; on
    submit it is compared with the record as it is now. On a conflict the form says which
    fields changed and what they hold now, and carries the new version: saving again
    deliberately overwrites. A POST without the token (scripts, the API) is not checked."""

    version_instance: models.Model | None = None

    def _start_versioning(self, instance: models.Model | None) -> None:
        if instance is None or instance.pk is None:
            return
        self.version_instance = instance
        self._loaded_digests = record_digests(instance, list(self.fields))
        if not self._loaded_digests:
            return
        self.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial[VERSION_FIELD] = signing.dumps(self._loaded_digests, salt=_VERSION_SALT,
                                                    compress=True)

    def _check_version(self) -> None:
        if self.version_instance is None or VERSION_FIELD not in self.fields:
            return
        token = self.data.get(self.add_prefix(VERSION_FIELD))
        if not token:
            return
        try:
            seen = signing.loads(token, salt=_VERSION_SALT)
        except signing.BadSignature:
            seen = {}
        current = self._loaded_digests
        changed = [name for name, digest in current.items() if seen.get(name) != digest]
        if not changed:
            return
        data = self.data.copy()  # saving again overwrites knowingly
        data[self.add_prefix(VERSION_FIELD)] = signing.dumps(current, salt=_VERSION_SALT,
                                                             compress=True)
        self.data = data
        shown = [f"{self.fields[name].label or name}: „{self._current_text(name)}”"
                 for name in changed if name in self.fields]
        self.add_error(None, ValidationError(
            format_lazy("{} {}", _("Időközben más módosította ezt a rekordot, ezért a mentést "
                                   "nem végeztük el. Nézze át a mostani értékeket, és mentsen "
                                   "újra, ha felül akarja írni őket. Megváltozott:"),
                        "; ".join(shown) or "–"),
            code="edit_conflict",
        ))

    def _current_text(self, name: str, limit: int = 120) -> str:
        instance = self.version_instance
        field = instance._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            text = ", ".join(str(item) for item in getattr(instance, name).all())
        elif field.choices:
            text = str(instance._get_FIELD_display(field))
        else:
            value = getattr(instance, name)
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                value = timezone.localtime(value)
            text = "" if value is None else str(formats.localize(value))
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def _clean_form(self):
        super()._clean_form()
        self._check_version()
        # The token is the form's own: views pass cleaned_data on to services as fields.
        if hasattr(self, "cleaned_data"):
            self.cleaned_data.pop(VERSION_FIELD, None)


class Form(ValidationErrorsMixin, HungarianEmptyChoiceMixin, OptimisticConcurrencyMixin,
           forms.Form):
    """`version_of=<record>`: an edit form over a record saved by a service gets the same
    concurrency check as a ModelForm, over the record's fields named like the form's."""

    def __init__(self, *args, version_of: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._start_versioning(version_of)


class ModelForm(ValidationErrorsMixin, HungarianEmptyChoiceMixin, OptimisticConcurrencyMixin,
                forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._model_limits()
        if not self.instance._state.adding:
            self._start_versioning(self.instance)

    def _model_limits(self) -> None:
        """A number's limits as the model states them: a PositiveSmallIntegerField with
        MinValueValidator(1) made a form field checking 0 ("Legalább 0 lehet." for -3, next
        to a help text saying 1–100). The model's own validators (with their messages)
        replace the form field's of the same kind, and the input's min/max follow."""
        for name, field in self.fields.items():
            if not isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
                continue
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            for kind, attr in ((validators.MinValueValidator, "min"),
                               (validators.MaxValueValidator, "max")):
                # Only Django's own message: a model's message of its own (which may hold a
                # bare "%", "legfeljebb 100% lehet") stays with the model's validation.
                limits = [v for v in model_field.validators
                          if type(v) is kind and v.message is kind.message]
                if not limits:
                    continue
                field.validators = [v for v in field.validators if type(v) is not kind] + limits
                if getattr(field.widget, "input_type", "") == "number" \
                        and not callable(limits[0].limit_value):
                    field.widget.attrs[attr] = limits[0].limit_value


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



class HungarianDateField(forms.DateField):
    """A date of a spreadsheet row, typed as Hungarians write it ("2019. 03. 15.",
    "2019.03.15", ISO: core.hungarian.DATE_INPUT_FORMATS) whatever the interface language;
    a bad one is answered with the forms it takes."""

    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Érvénytelen dátum; így írja: 2024. 03. 15. vagy 2024-03-15.")}


class DecimalCommaField(forms.DecimalField):
    """A decimal number as Hungarians type it: "11,5", "1 250,75" (spaces or no-break spaces
    between thousands); a decimal point is accepted too. Rendered as a text input with the
    decimal keyboard (a browser's number input refuses the comma) and shown with a comma."""

    # Django's Hungarian catalogue says this one informally ("Adj meg"); the site says "Ön".
    default_error_messages = {"invalid": _("Adjon meg egy számot, például 12,5.")}

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


class AmountField(forms.IntegerField):
    """A sum of forints as Hungarians write it: "22 000 000", "22.000.000" or "22000000 Ft"
    (spaces, no-break spaces or full stops between thousands, the currency after it).
    Rendered as a text input with the numeric keyboard, grouped by thousands."""

    default_error_messages = {"invalid": _("Adjon meg egy egész összeget, például 22 000 000.")}
    _GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    # "22,0 millió forint", "74,976 millió Ft", "1,2 milliárd": as press releases write sums
    _SCALED = re.compile(r"(?i)(-?\d+(?:,\d+)?)(millió|milliárd|mrd|ezer)")
    _SCALES = {"ezer": 1_000, "millió": 1_000_000, "milliárd": 10**9, "mrd": 10**9}

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u00a0", "").replace("\u202f", "")
            value = re.sub(r"(?i)(ft|huf|forint)\.?$", "", value)
            if self._GROUPED.fullmatch(value):
                value = value.replace(".", "")
            elif scaled := self._SCALED.fullmatch(value):
                amount = Decimal(scaled[1].replace(",", ".")) * self._SCALES[scaled[2].lower()]
                if amount != amount.to_integral_value():
                    raise ValidationError(self.error_messages["invalid"], code="invalid")
                value = str(int(amount))
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", "\u00a0")
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for name in ("step", "min", "max"):
            attrs.pop(name, None)
        return attrs


class RecordByNameField(forms.ModelChoiceField):
    """A record of a long list (the forum's people or organisations) chosen by typing its
    name, so the page carries no option per record: a part of the name that matches exactly
    one record is enough; several matches are listed for the user to say which."""

    shown_matches = 5

    def __init__(self, queryset, *, name_field: str = "name", **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(queryset, **kwargs)
        self.name_field = name_field

    def prepare_value(self, value):
        if isinstance(value, models.Model):
            return getattr(value, self.name_field)
        if not isinstance(value, int) or isinstance(value, bool):
            return value  # what the user typed, shown back as typed
        # the initial value of a ModelForm: the record's primary key
        return (self.queryset.filter(pk=value).values_list(self.name_field, flat=True).first()
                or "")

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if not value:
            return None
        exact = list(self.queryset.filter(**{f"{self.name_field}__iexact": value})[:2])
        if len(exact) == 1:
            return exact[0]
        matches = exact or list(self.queryset.filter(
            **{f"{self.name_field}__icontains": value})[:self.shown_matches + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(_("Nincs ilyen nevű rekord: „%(name)s”."),
                                  code="invalid_choice", params={"name": value})
        names = "; ".join(getattr(m, self.name_field) for m in matches[:self.shown_matches])
        raise ValidationError(
            _("Több találat („%(name)s”): %(names)s. Írja be a teljes nevet."),
            code="ambiguous", params={"name": value, "names": names})

    def has_changed(self, initial, data):
        return str(self.prepare_value(initial) or "") != " ".join(str(data or "").split())
