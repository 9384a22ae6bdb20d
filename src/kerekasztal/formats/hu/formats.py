"""Hungarian: Django's formats, with compact dates spaced as Hungarian texts write them."""

from kerekasztal.core.hungarian import DATE_INPUT_FORMATS  # noqa: F401  (read by Django)

DATE_FORMAT = "Y. F j."
DATETIME_FORMAT = "Y. F j. H:i"
SHORT_DATE_FORMAT = "Y. m. d."
SHORT_DATETIME_FORMAT = "Y. m. d. H:i"
YEAR_MONTH_FORMAT = "Y. F"
MONTH_DAY_FORMAT = "F j."
