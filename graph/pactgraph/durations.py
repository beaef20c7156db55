"""Calendar arithmetic for the durations agreements state: "two years", "180 days".

A duration is an ``xsd:duration`` of years, months, weeks and days (``P2Y``, ``P6M``,
``P180D``, ``P1Y6M``); time parts and negative durations are refused. :func:`add` adds one
to a date as XML Schema 1.1 (Part 2, Appendix E, "Adding durations to dateTimes") does:
years and months first, the day kept and clamped to the length of the month reached, then
weeks and days. So one month after 31 January is 28 (or 29) February, one year after
29 February 2024 is 28 February 2025, and 30 days after 31 January 2025 is 2 March 2025.

``times`` adds the duration that many times *from the start*, so renewals do not drift:
three one-month periods from 31 January end on 30 April, not 28 April.

>>> import datetime as dt
>>> add(dt.date(2024, 2, 29), "P1Y")
datetime.date(2025, 2, 28)
>>> add(dt.date(2025, 1, 31), "P1M", times=3)
datetime.date(2025, 4, 30)
>>> add(dt.date(2025, 1, 31), "P30D")
datetime.date(2025, 3, 2)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Duration", "add", "add_within", "business_days_after", "parse_duration"]

_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True)
class Duration:
    """Years and months (calendar) and days (exact), as an agreement states them; or a
    number of business days, counted on a calendar of days that are not business days."""

    months: int = 0
    days: int = 0
    business_days: int = 0
    """Business days, counted after the years, months and days: Monday to Friday, less the
    ``holidays``."""
    holidays: frozenset[dt.date] = frozenset()
    """The weekdays that are not business days."""

    def words(self) -> str:
        """The duration in words: ``P1Y6M`` → ``1 year 6 months``.

        >>> Duration(business_days=1).words()
        '1 business day'
        """
        years, months = divmod(self.months, 12)
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in (
                (years, "year"),
                (months, "month"),
                (self.days, "day"),
                (self.business_days, "business day"),
            )
            if n
        ]
        return " ".join(parts) or "0 days"


def parse_duration(text: str) -> Duration:
    """An ``xsd:duration`` of years, months, weeks and days; ``ValueError`` otherwise.

    >>> parse_duration("P1Y6M") == Duration(months=18), parse_duration("P2W") == Duration(days=14)
    (True, True)
    >>> parse_duration("PT0S") == parse_duration("P0D") == Duration()
    True
    """
    if text.strip() == "PT0S":  # a zero duration as stores write it ("P0D" read back)
        return Duration()
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(
            f"{text!r} is not a duration of years, months, weeks and days (such as P2Y, P6M, P180D)"
        )
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    return Duration(months=12 * years + months, days=7 * weeks + days)


def add(day: dt.date, duration: Duration | str, *, times: int = 1) -> dt.date:
    """``day`` plus ``times`` × ``duration`` (see the module docstring)."""
    d = parse_duration(duration) if isinstance(duration, str) else duration
    month_index = day.year * 12 + (day.month - 1) + d.months * times
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    moved = dt.date(year, month, min(day.day, last))
    moved += dt.timedelta(days=d.days * times)
    return business_days_after(moved, d.business_days * times, d.holidays)


def add_within(day: dt.date, duration: Duration, *, times: int = 1) -> dt.date | None:
    """:func:`add`, or None past the calendar's last day (a day that never comes).

    >>> add_within(dt.date(9999, 6, 1), Duration(months=12)) is None
    True
    """
    try:
        return add(day, duration, times=times)
    except (OverflowError, ValueError):
        return None


def business_days_after(
    day: dt.date, count: int, holidays: frozenset[dt.date] = frozenset()
) -> dt.date:
    """The ``count``-th business day after ``day`` (``day`` itself for none): counting
    starts the next day, and Saturdays, Sundays and ``holidays`` do not count. Ten business
    days after Friday 3 January 2025 is Friday 17 January.

    >>> business_days_after(dt.date(2025, 1, 3), 10)
    datetime.date(2025, 1, 17)
    >>> business_days_after(dt.date(2025, 12, 24), 1, frozenset({dt.date(2025, 12, 25)}))
    datetime.date(2025, 12, 26)
    """
    if count <= 0:
        return day

    def next_business_day(current: dt.date) -> dt.date:
        current += dt.timedelta(days=1)
        while current.weekday() >= 5 or current in holidays:
            current += dt.timedelta(days=1)
        return current

    current = next_business_day(day)
    left = count - 1
    if not holidays:  # from a weekday, each week ahead holds five business days
        weeks, left = divmod(left, 5)
        current += dt.timedelta(weeks=weeks)
    for _ in range(left):
        current = next_business_day(current)
    return current
