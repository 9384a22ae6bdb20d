import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_TAX_NUMBER = re.compile(r"^(\d{8})-?([1-5])-?(\d{2})$")
_WEIGHTS = (9, 7, 3, 1, 9, 7, 3)
# NAV area codes: 02–20 counties, 22 Budapest, 41–44 the large-taxpayer and other offices, 51.
_AREA_CODES = {f"{n:02d}" for n in range(2, 21)} | {"22", "41", "42", "43", "44", "51"}


def normalise_tax_number(value: str) -> str:
    """'15733566218' or '15733566-2-18' → '15733566-2-18'; raises ValidationError."""
    compact = re.sub(r"\s", "", value or "")
    match = _TAX_NUMBER.match(compact)
    if not match:
        raise ValidationError(
            _("Az adószám formája 12345678-1-12 (8 számjegy, 1 számjegy, 2 számjegy)."),
            code="tax_format",
        )
    base, vat_code, area = match.groups()
    check = (10 - sum(int(d) * w for d, w in zip(base[:7], _WEIGHTS, strict=True)) % 10) % 10
    if check != int(base[7]):
        raise ValidationError(
            _("Az adószám ellenőrző számjegye hibás; kérjük, ellenőrizze."), code="tax_checksum"
        )
    if area not in _AREA_CODES:
        raise ValidationError(
            _("Az adószám utolsó két számjegye (területi kód) nem létező kód."), code="tax_area"
        )
    return f"{base}-{vat_code}-{area}"


def validate_tax_number(value: str) -> None:
    if value:
        normalise_tax_number(value)
