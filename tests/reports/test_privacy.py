"""Small counts: exhaustive over every small grid (hypothesis is not installed), a suppressed
count never comes back out of the printed totals, and the printed totals stay exact.
"""

import itertools
from collections.abc import Iterator, Sequence

import pytest

from desktop.i18n.formatting import format_number
from desktop.reports.privacy import (
    DEFAULT_THRESHOLD,
    Hidden,
    ProtectedCounts,
    hidden_cells,
    privacy_note,
    protect_counts,
)

Grid = tuple[tuple[int, ...], ...]


def _grids(rows: int, columns: int, values: Sequence[int]) -> Iterator[Grid]:
    for flat in itertools.product(values, repeat=rows * columns):
        yield tuple(tuple(flat[r * columns : (r + 1) * columns]) for r in range(rows))


# Counts below, at and above the threshold, and zero: 2×2 and 2×3 with five values, 3×3 and
# 3×2 with three (every pattern of zero, small and large).
SMALL_GRIDS = [
    *_grids(2, 2, (0, 1, 4, 5, 9)),
    *_grids(2, 3, (0, 1, 3, 5, 8)),
    *_grids(3, 2, (0, 2, 6)),
    *_grids(3, 3, (0, 2, 6)),
]


def _reduced(matrix: list[list[int]]) -> list[list[int]]:
    """The reduced row echelon form, by Gauss-Jordan elimination in integers.

    The equations of row and column totals form a bipartite incidence matrix, which is
    totally unimodular: every pivot is 1 or -1, so the arithmetic stays exact in integers.
    """
    rows = [row[:] for row in matrix]
    rank = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][column]
        assert lead in (1, -1)
        rows[rank] = [value * lead for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rows[:rank]


def _recoverable(grid: Grid, hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hidden cells an attacker can compute from the printed cells and exact totals.

    Every row and column total gives one equation in the line's hidden cells; a cell is
    recovered when its value follows from those equations, by subtraction from one line or
    by any combination of lines (the grand total is the sum of the rows, so adds nothing).
    It follows exactly when its unit vector lies in the equations' row space, that is, when
    a row of the reduced echelon form is that unit vector.
    """
    cells = sorted(hidden)
    if not cells:
        return set()
    lines = [{(r, c) for c in range(len(grid[0]))} for r in range(len(grid))]
    lines += [{(r, c) for r in range(len(grid))} for c in range(len(grid[0]))]
    equations = [[int(cell in line) for cell in cells] for line in lines]
    recovered = set()
    for row in _reduced(equations):
        non_zero = [index for index, value in enumerate(row) if value != 0]
        if len(non_zero) == 1:
            recovered.add(cells[non_zero[0]])
    return recovered


def test_the_attack_recovers_a_lone_suppressed_cell_and_a_bridge() -> None:
    """The attacker of these tests is able: it finds what subtraction and sums give back."""
    grid = ((3, 10), (20, 30))
    assert _recoverable(grid, {(0, 0)}) == {(0, 0)}
    assert _recoverable(grid, {(0, 0), (0, 1)}) == {(0, 0), (0, 1)}  # via the columns
    assert _recoverable(grid, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()
    # Two hidden squares joined by one hidden cell: sums of rows minus sums of columns
    # give that cell back although each of its lines hides three.
    square = {(0, 0), (0, 1), (1, 0), (1, 1)}
    other = {(2, 2), (2, 3), (3, 2), (3, 3)}
    assert _recoverable(((1,) * 4,) * 4, square | other | {(1, 2)}) == {(1, 2)}


def test_the_small_grids_are_many() -> None:
    assert len(SMALL_GRIDS) == 5**4 + 5**6 + 3**6 + 3**9


def _nothing_left_to_hide(grid: Grid, hidden: dict, cell: tuple[int, int]) -> bool:
    """Whether a line through ``cell`` has no cell left that hiding would help: every other
    cell is hidden or a zero whose other line's total (0) gives it away anyway."""
    r, c = cell
    row = [(r, other) for other in range(len(grid[0])) if other != c]
    column = [(other, c) for other in range(len(grid)) if other != r]

    def useless(x: int, y: int, crossing: int) -> bool:
        return (x, y) in hidden or (grid[x][y] == 0 and crossing == 0)

    return all(useless(x, y, sum(values[y] for values in grid)) for x, y in row) or all(
        useless(x, y, sum(grid[x])) for x, y in column
    )


def test_no_suppressed_count_can_be_recovered_from_the_totals() -> None:
    inherent = 0
    for grid in SMALL_GRIDS:
        hidden = hidden_cells(grid)
        for cell in _recoverable(grid, set(hidden)):
            # Only where the exact totals give it away whatever is hidden: a lone count in
            # a line of zeros, e.g. one participant in the whole table.
            assert _nothing_left_to_hide(grid, hidden, cell), grid
            inherent += 1
    assert inherent < len(SMALL_GRIDS) // 20


def _given_away_by_bounds(grid: Grid, printed: ProtectedCounts) -> list[list[tuple[int, int]]]:
    """Lines in which a hidden cell follows from the total and what the marks say.

    "< 5" means 0 to 4 (a hidden zero prints so too) and "x" 5 or more; the hidden cells of
    a line add up to its total less its printed cells.
    """
    lines = [[(r, c) for c in range(len(grid[0]))] for r in range(len(grid))]
    lines += [[(r, c) for r in range(len(grid))] for c in range(len(grid[0]))]
    exposed = []
    for line in lines:
        unknown = [cell for cell in line if cell in printed.hidden]
        rest = sum(grid[r][c] for r, c in unknown)
        for r, c in unknown:
            values = [
                value
                for value in range(rest + 1)
                if (value >= 5 if printed.cells[r][c] == "x" else value <= 4)
            ]
            others = [cell for cell in unknown if cell != (r, c)]
            low = sum(5 if printed.cells[x][y] == "x" else 0 for x, y in others)
            high = sum(rest if printed.cells[x][y] == "x" else 4 for x, y in others)
            possible = [value for value in values if low <= rest - value <= high]
            if len(possible) == 1 and len(line) > 1:
                exposed.append(line)
                break
    return exposed


def test_no_small_count_follows_from_the_bounds_while_its_line_has_a_cell_to_hide() -> None:
    for grid in SMALL_GRIDS:
        printed = protect_counts(grid, "en")
        for line in _given_away_by_bounds(grid, printed):
            column_totals = [sum(column) for column in zip(*grid, strict=True)]
            for r, c in line:
                if (r, c) in printed.hidden:
                    continue
                # Only a zero whose other line's total is 0 (it would give it away) is left.
                crossing = column_totals[c] if line[0][0] == line[-1][0] else sum(grid[r])
                assert grid[r][c] == 0 and crossing == 0, (grid, line)


def test_two_small_counts_that_must_both_be_four_get_a_third_hidden() -> None:
    # Roma: 4 women, 4 men, 0 others; without the third, "< 5" and "< 5" in a row of 8 are 4.
    printed = protect_counts(((30, 25, 2), (4, 4, 0), (20, 21, 3)), "en")
    assert printed.cells[1] == ("< 5", "< 5", "< 5")
    assert _given_away_by_bounds(((30, 25, 2), (4, 4, 0), (20, 21, 3)), printed) == []


def test_every_small_count_is_hidden_and_nothing_else_is_without_need() -> None:
    for grid in SMALL_GRIDS:
        hidden = hidden_cells(grid)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if 0 < value < DEFAULT_THRESHOLD:
                    assert hidden.get((r, c)) == Hidden.SMALL, grid
                elif (r, c) in hidden:
                    assert hidden[(r, c)] == (Hidden.WITHHELD if value else Hidden.ZERO), grid
        if not any(kind == Hidden.SMALL for kind in hidden.values()):
            assert hidden == {}, grid


def test_a_zero_is_hidden_only_when_its_line_has_no_other_count_to_hide() -> None:
    for grid in SMALL_GRIDS:
        hidden = hidden_cells(grid)
        for (r, c), kind in hidden.items():
            if kind != Hidden.ZERO:
                continue
            row = [(r, other) for other in range(len(grid[0]))]
            column = [(other, c) for other in range(len(grid))]
            assert any(
                all(grid[x][y] == 0 or (x, y) in hidden for x, y in line) for line in (row, column)
            ), grid


def test_printed_cells_and_exact_totals() -> None:
    for grid in SMALL_GRIDS[::7]:
        printed = protect_counts(grid, "en")
        assert printed.total == format_number(sum(map(sum, grid)), "en")
        assert printed.row_totals == tuple(str(sum(row)) for row in grid)
        assert printed.column_totals == tuple(
            str(sum(column)) for column in zip(*grid, strict=True)
        )
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                kind = printed.hidden.get((r, c))
                expected = {None: str(value), Hidden.SMALL: "< 5", Hidden.ZERO: "< 5"}.get(
                    kind, "x"
                )
                assert printed.cells[r][c] == expected, grid


def test_the_donor_example_two_roma_participants_in_one_municipality() -> None:
    # Rows: Albanian, Serbian, Roma participants; columns: Prishtinë, Graçanicë, Mitrovicë.
    grid = ((40, 12, 25), (6, 31, 18), (0, 2, 0))
    printed = protect_counts(grid, "en")
    # The Roma row has no other count to hide, so one of its zeros stands in (0 < 5 is true).
    assert printed.cells[2] == ("< 5", "< 5", "0")
    assert printed.hidden[(2, 1)] == Hidden.SMALL and printed.hidden[(2, 0)] == Hidden.ZERO
    # The Prishtinë and Graçanicë columns would give them back: one count each is withheld,
    # in the same row, so four cells in all are hidden.
    assert printed.cells[:2] == (("40", "12", "25"), ("x", "x", "18"))
    assert len(printed.hidden) == 4
    assert printed.row_totals == ("77", "55", "2") and printed.total == "134"
    assert printed.column_totals == ("46", "45", "43")
    assert _recoverable(grid, set(printed.hidden)) == set()


def test_an_internal_report_shows_every_count() -> None:
    grid = ((40, 12, 25), (6, 31, 18), (0, 2, 0))
    printed = protect_counts(grid, "en", internal=True)
    assert printed.hidden == {}
    assert printed.cells == (("40", "12", "25"), ("6", "31", "18"), ("0", "2", "0"))


def test_a_single_row_hides_a_second_count_and_a_single_column_cannot_help() -> None:
    assert hidden_cells(((3, 10, 12),)) == {(0, 0): Hidden.SMALL, (0, 1): Hidden.WITHHELD}
    assert hidden_cells(((3,), (10,))) == {(0, 0): Hidden.SMALL, (1, 0): Hidden.WITHHELD}
    assert hidden_cells(((3,),)) == {(0, 0): Hidden.SMALL}


def test_the_threshold_can_be_changed() -> None:
    assert hidden_cells(((9, 10), (10, 10)), threshold=10) == {
        (0, 0): Hidden.SMALL,
        (0, 1): Hidden.WITHHELD,
        (1, 0): Hidden.WITHHELD,
        (1, 1): Hidden.WITHHELD,
    }
    printed = protect_counts(((2, 10), (10, 10)), "en", threshold=3)
    assert printed.cells[0][0] == "< 3"


@pytest.mark.parametrize(
    ("grid", "threshold"),
    [(((1, 2), (3,)), 5), (((1, -2),), 5), (((1, 2),), 0)],
)
def test_a_malformed_breakdown_is_refused(grid: Grid, threshold: int) -> None:
    with pytest.raises(ValueError):
        hidden_cells(grid, threshold)


@pytest.mark.parametrize("code", ["en", "sq", "sr", "sr_Latn"])
def test_marks_and_note_are_in_the_report_language(code: str) -> None:
    printed = protect_counts(((1, 7), (8, 9)), code)
    assert printed.cells[0][0].startswith("<") and printed.cells[0][0].endswith("5")
    note = privacy_note(code)
    assert format_number(4, code) in note and printed.cells[0][1] in note


def test_empty_breakdown() -> None:
    printed = protect_counts((), "en")
    assert printed.cells == () and printed.total == "0" and printed.hidden == {}
