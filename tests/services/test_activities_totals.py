"""The months a range of dates is added up by."""

from datetime import date, datetime
from itertools import pairwise

from desktop.services.activities_totals import MOST_MONTHS, month_spans


def test_a_year_is_its_twelve_months() -> None:
    spans = month_spans(date(2026, 1, 1), date(2026, 12, 31))
    assert spans is not None
    assert len(spans) == 12
    assert spans[1] == (date(2026, 2, 1), date(2026, 2, 28))
    assert spans[-1] == (date(2026, 12, 1), date(2026, 12, 31))
    # each month begins the day after the one before ends: no day left out or counted twice
    for (_, end), (start, _) in pairwise(spans):
        assert (start - end).days == 1


def test_the_ends_are_clipped_to_the_range() -> None:
    assert month_spans(date(2024, 2, 10), date(2024, 3, 5)) == [
        (date(2024, 2, 10), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 5)),
    ]
    assert month_spans(date(2026, 5, 7), date(2026, 5, 7)) == [(date(2026, 5, 7), date(2026, 5, 7))]


def test_an_open_a_long_or_a_backward_range() -> None:
    assert month_spans(None, date(2026, 12, 31)) is None
    assert month_spans(date(2026, 1, 1), None) is None
    assert month_spans(date(2020, 1, 1), date(2020 + MOST_MONTHS // 12, 1, 1)) is None
    assert month_spans(date(2026, 3, 1), date(2026, 2, 1)) == []


def test_an_end_that_is_no_date_is_not_split_into_months() -> None:
    assert month_spans(date(2026, 1, 1), "2026-02-30") is None  # type: ignore[arg-type]
    assert month_spans("2026-01-01", date(2026, 2, 1)) is None  # type: ignore[arg-type]
    # a moment is a date to Python, but cannot be compared with one
    assert month_spans(date(2000, 1, 1), datetime(2000, 1, 1, 5, 55)) is None
