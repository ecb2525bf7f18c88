"""The calendar months a range of dates covers, for adding up activities month by month."""

from datetime import date, timedelta

# A longer range is added up in one statement: reading it a month at a time pays off for a
# year's activities (the Dashboard), and a range of many years is not read that way.
MOST_MONTHS = 36


def month_spans(first: date | None, last: date | None) -> list[tuple[date, date]] | None:
    """Each month from ``first`` to ``last`` (both included) as its first and last day,
    clipped to them; ``None`` when either end is open or is not a plain date (a text or a
    moment a caller passed, which the single statement's own conditions read as stored or
    as matching nothing), or the range spans more than ``MOST_MONTHS`` months; ``[]`` when
    ``last`` comes before ``first``."""
    if type(first) is not date or type(last) is not date:
        return None
    if (last.year - first.year) * 12 + last.month - first.month >= MOST_MONTHS:
        return None
    spans: list[tuple[date, date]] = []
    start = first
    while start <= last:
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        spans.append((start, min(following - timedelta(days=1), last)))
        start = following
    return spans
