"""Writes of premises: booking, series, decisions, cancellations and spaces. The exclusion constraint is the guarantee.

Every write is ``<entity>_<action>(*, by, ...)``: atomic, the premises policy checked inside, and only
``ApplicationError`` subclasses raised. The modules are split by what they change; import from here.
"""

from apps.premises.models import SPACE_EDITABLE_FIELDS
from apps.premises.services.bookings import booking_cancel, booking_create
from apps.premises.services.decisions import (
    booking_approve,
    booking_decline,
    booking_series_approve,
    booking_series_decline,
)
from apps.premises.services.feeds import user_feed_token_get_or_create, user_feed_token_renew
from apps.premises.services.retention import bookings_anonymise
from apps.premises.services.series import (
    MAX_SERIES_SPAN,
    Occurrence,
    booking_series_cancel,
    booking_series_create,
    booking_series_preview,
    series_dates,
)
from apps.premises.services.spaces import (
    opening_exception_set,
    space_import_save,
    space_opening_hours_set,
    space_update,
)

__all__ = [
    "MAX_SERIES_SPAN",
    "SPACE_EDITABLE_FIELDS",
    "Occurrence",
    "booking_approve",
    "booking_cancel",
    "booking_create",
    "booking_decline",
    "booking_series_approve",
    "booking_series_cancel",
    "booking_series_create",
    "booking_series_decline",
    "booking_series_preview",
    "bookings_anonymise",
    "opening_exception_set",
    "series_dates",
    "space_import_save",
    "space_opening_hours_set",
    "space_update",
    "user_feed_token_get_or_create",
    "user_feed_token_renew",
]
