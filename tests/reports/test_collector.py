"""A report is drawn with the cycle collector held off, and the collector comes back after."""

import gc
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from desktop.reports.collector import collector_paused
from desktop.services.report_formats import ReportFormat

SEEN: list[bool] = []


def record_collector(data: Any, target: Path | BinaryIO) -> None:
    """A format's render that notes whether the collector was on while it drew."""
    SEEN.append(gc.isenabled())
    if data == "fail":
        raise RuntimeError("the drawing failed")


FORMAT = ReportFormat(
    "test", "Test", "unused:build", "tests.reports.test_collector:record_collector"
)


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    SEEN.clear()
    gc.enable()
    yield
    gc.enable()


def test_a_format_draws_with_the_collector_off_and_turns_it_back_on() -> None:
    FORMAT.render("data", BytesIO())

    assert SEEN == [False]
    assert gc.isenabled()


def test_a_failed_drawing_turns_the_collector_back_on() -> None:
    with pytest.raises(RuntimeError):
        FORMAT.render("fail", BytesIO())

    assert SEEN == [False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()

    assert not gc.isenabled()
