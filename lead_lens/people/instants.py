"""The analysis instant (spec section 1): parsing `--as-of` and formatting times for output."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from lead_lens.errors import LeadLensError


class AsOfError(LeadLensError):
    title = "Bad --as-of"


def parse_as_of(text: str | datetime | date | None) -> datetime | None:
    """'2025-06-30' (end of that day, UTC) or an ISO 8601 instant -> naive UTC; None stays None.

    A bare date means the whole day is included: `--as-of 2025-06-30` sees everything that
    happened on June 30, so it is 2025-06-30T23:59:59.999999.
    """
    if text is None:
        return None
    if isinstance(text, datetime):
        return _naive_utc(text)
    if isinstance(text, date):
        return datetime.combine(text, time.max)
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time.max)
        return _naive_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        raise AsOfError(f"--as-of {text!r}: use a date (2025-06-30) or an ISO 8601 time "
                        "(2025-06-30T23:00:00Z).") from None


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def iso_utc(value: datetime | None) -> str:
    """ISO 8601 UTC with a Z, to the second ('' for None)."""
    if value is None:
        return ""
    return _naive_utc(value).replace(microsecond=0).isoformat() + "Z"


def iso_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def wall_clock_utc() -> datetime:
    """Only for an empty store, which has no latest event to stand in for as_of."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
