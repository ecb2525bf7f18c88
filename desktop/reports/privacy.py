"""Small counts kept out of reports meant for outside readers.

In a small municipality "2 Roma women" can name the two women.  A report for a donor
therefore prints every breakdown cell from 1 to ``threshold - 1`` as "< 5" (primary
suppression).  Hiding one cell is not enough when its row or column total is printed: the
total minus the other cells gives it back.  So whenever a row or column would keep exactly
one hidden cell, the next smallest non-zero cell of that line is hidden too (secondary
suppression), until no line has a single hidden cell; a cell that protects its row and
its column at once is preferred, so that fewer counts are withheld.  A secondary cell is 5
or more, so it prints as a withheld mark ("x"), never as the untrue "< 5"; only when a line
has no non-zero cell left to hide does a zero stand in, printed as "< 5", true of it too.

Totals are always exact: a donor adds them up, and they are what the figures elsewhere in
the report agree with.  A true zero prints as 0 (it reveals nobody).  An internal report
prints every count as it is.

No hidden cell is the only unknown of its row or column, and none follows from its line's
total and what the marks say of the hidden cells: "< 5" is 0 to 4 (a hidden zero looks the
same), "x" is 5 or more.  Two "< 5" in a row of 8 would both be 4, so a third cell of that
row is hidden too.  Only a line with nothing left to hide stays exposed, and then its own
total says as much.  Combinations of several lines at once (which statistical offices
check with linear programming) are not examined; for the tables of a report, where each
hidden cell sits in a line with another, the tests find none that gives a cell back.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from desktop.i18n import Translator, translator_for
from desktop.reports.formatting import format_number

DEFAULT_THRESHOLD = 5

Cell = tuple[int, int]


class Hidden(Enum):
    SMALL = "small"  # a count from 1 to threshold - 1, printed "< 5"
    WITHHELD = "withheld"  # hidden so that a small one cannot be worked out; "x"
    ZERO = "zero"  # a zero hidden for the same reason, when nothing else was left; "< 5"


@dataclass(frozen=True)
class ProtectedCounts:
    """A breakdown ready to print: every cell, row total, column total and the grand total
    as text in the report's language, and which cells were hidden and why."""

    cells: tuple[tuple[str, ...], ...]
    row_totals: tuple[str, ...]
    column_totals: tuple[str, ...]
    total: str
    hidden: dict[Cell, Hidden]


def hidden_cells(
    grid: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD
) -> dict[Cell, Hidden]:
    """The cells of ``grid`` (rows of counts) to hide, primary and secondary.

    Lines of a single cell are left alone: their total is the cell, which the exact totals
    print anyway.
    """
    _check(grid, threshold)
    hidden: dict[Cell, Hidden] = {
        (r, c): Hidden.SMALL
        for r, row in enumerate(grid)
        for c, value in enumerate(row)
        if 0 < value < threshold
    }
    lines = _lines(grid)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if not _exposed(grid, line, hidden, threshold):
                continue
            extra = _next_to_hide(grid, line, hidden)
            if extra is not None:
                value = grid[extra[0]][extra[1]]
                hidden[extra] = Hidden.WITHHELD if value else Hidden.ZERO
                changed = True
    return hidden


def protect_counts(
    grid: Sequence[Sequence[int]],
    language: str,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    internal: bool = False,
) -> ProtectedCounts:
    """The breakdown as printed text: small counts hidden unless the report is ``internal``.

    The row and column totals and the grand total are computed here from the exact counts,
    so they are always exact and always agree with one another.
    """
    _check(grid, threshold)
    t = translator_for(language)
    hidden = {} if internal else hidden_cells(grid, threshold)
    marks = {
        # L10N: a count too small to print in a report for outside readers, e.g. "< 5"
        Hidden.SMALL: t.gettext("< {threshold}").format(threshold=format_number(threshold, t.code)),
        Hidden.WITHHELD: withheld_mark(t),
    }
    marks[Hidden.ZERO] = marks[Hidden.SMALL]
    columns = len(grid[0]) if grid else 0
    return ProtectedCounts(
        cells=tuple(
            tuple(
                marks[hidden[(r, c)]] if (r, c) in hidden else format_number(value, t.code)
                for c, value in enumerate(row)
            )
            for r, row in enumerate(grid)
        ),
        row_totals=tuple(format_number(sum(row), t.code) for row in grid),
        column_totals=tuple(
            format_number(sum(row[c] for row in grid), t.code) for c in range(columns)
        ),
        total=format_number(sum(map(sum, grid)), t.code),
        hidden=hidden,
    )


def withheld_mark(t: Translator) -> str:
    # L10N: printed instead of a count withheld so that a small count next to it cannot be
    # worked out from the total; statistical offices print "x"
    return t.pgettext("withheld count", "x")


def privacy_note(language: str, threshold: int = DEFAULT_THRESHOLD) -> str:
    """The sentence under a protected table that tells a reader what "< 5" and "x" mean."""
    t = translator_for(language)
    return t.gettext(
        "To protect the people counted, counts from 1 to {below} are shown as “< {threshold}”,"
        " and counts marked “{withheld}” are withheld so that those cannot be worked out from"
        " the totals. The totals are exact."
    ).format(
        below=format_number(threshold - 1, t.code),
        threshold=format_number(threshold, t.code),
        withheld=withheld_mark(t),
    )


def _check(grid: Sequence[Sequence[int]], threshold: int) -> None:
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}")
    widths = {len(row) for row in grid}
    if len(widths) > 1:
        raise ValueError("every row of a breakdown must have the same number of cells")
    if any(value < 0 for row in grid for value in row):
        raise ValueError("a count cannot be negative")


def _lines(grid: Sequence[Sequence[int]]) -> list[list[Cell]]:
    """Every row and every column of two or more cells, as lists of cell positions."""
    rows = len(grid)
    columns = len(grid[0]) if grid else 0
    lines = [[(r, c) for c in range(columns)] for r in range(rows)] if columns > 1 else []
    if rows > 1:
        lines += [[(r, c) for r in range(rows)] for c in range(columns)]
    return lines


def _exposed(
    grid: Sequence[Sequence[int]], line: list[Cell], hidden: dict[Cell, Hidden], threshold: int
) -> bool:
    """Whether a reader can work out a hidden cell of the line from its total.

    The hidden cells add up to the total less the printed cells; each lies within what its
    mark says.  A cell is given away when those bounds leave it a single possible value.
    """
    unknown = [cell for cell in line if cell in hidden]
    if not unknown:
        return False
    if len(unknown) == 1:
        return True
    rest = sum(grid[r][c] for r, c in unknown)
    bounds = [
        (threshold, rest) if hidden[cell] == Hidden.WITHHELD else (0, threshold - 1)
        for cell in unknown
    ]
    lowest = sum(low for low, _high in bounds)
    highest = sum(high for _low, high in bounds)
    return any(
        max(low, rest - (highest - high)) == min(high, rest - (lowest - low))
        for low, high in bounds
    )


def _next_to_hide(
    grid: Sequence[Sequence[int]], line: list[Cell], hidden: dict[Cell, Hidden]
) -> Cell | None:
    """The visible non-zero cell of the line to hide next, else a visible zero that its
    other line does not give away.

    The smallest whose other line (the column of a cell in a row) has a single hidden cell
    comes first: hiding it protects two lines at once, so fewer counts are withheld in all;
    otherwise simply the smallest.
    """
    visible = [
        cell
        for cell in line
        if cell not in hidden and (grid[cell[0]][cell[1]] or _crossing_total(grid, line, cell))
    ]
    if not visible:
        return None

    def cost(cell: Cell) -> tuple[bool, bool, int, Cell]:
        value = grid[cell[0]][cell[1]]
        across = sum(
            1
            for other in hidden
            if other not in line and (other[0] == cell[0] or other[1] == cell[1])
        )
        return (value == 0, across != 1, value, cell)

    return min(visible, key=cost)


def _crossing_total(grid: Sequence[Sequence[int]], line: list[Cell], cell: Cell) -> int:
    """The total of the other line through ``cell``: a zero hidden where that total is 0
    would be given away by it, and protect nothing."""
    row, column = cell
    if all(other[0] == row for other in line):
        return sum(values[column] for values in grid)
    return sum(grid[row])
