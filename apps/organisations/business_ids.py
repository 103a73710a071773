"""Business ids as the registers write them: the Finnish Y-tunnus and the Swedish organisationsnummer.

python-stdnum checks the check digits (the Y-tunnus' weighted modulus 11, the organisationsnummer's Luhn digit), so
a mistyped id is refused at once instead of sitting in the register as a second organisation.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus
from stdnum.se import orgnr


def normalised_business_id(text: str) -> str:
    """``text`` as the register writes it (1234567-8, 123456-7890), or ``ValueError`` saying what is wrong."""
    compact = "".join(text.split()).replace("-", "")
    checked = {8: ytunnus, 10: orgnr}.get(len(compact)) if compact.isdigit() else None
    if checked is not None:
        try:
            return checked.format(checked.validate(compact))
        except StdnumError:
            raise ValueError(_("This business id's check digit does not match: check the number.")) from None
    raise ValueError(
        _("A business id is a Finnish Y-tunnus (1234567-8) or a Swedish organisationsnummer (123456-7890).")
    )
