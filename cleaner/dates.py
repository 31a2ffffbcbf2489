"""One reading of dates, shared by rule files (``valid_from``) and records (``date``).

Both accept the same forms so a rule's bounds and a record's date compare alike.
"""

from __future__ import annotations

import datetime as dt

ISO_DATE_LENGTH = 10
"""Only ``YYYY-MM-DD`` counts: a timestamp's time part does not decide which rules apply."""


def read_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO string; None for nothing.

    Raises ValueError for text that is no ISO date and TypeError for other types,
    so each caller can word the error for its own input.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:ISO_DATE_LENGTH])
    raise TypeError(type(value).__name__)
