"""What showing a list's first rows and answering a search keystroke cost the interface
(bench/findings.md, "First rows and keystroke: the interface"): one model reset and one
paint of the rows to open a list, no size-hint pass over the cells, columns that still fit
their widest text in sight as Qt's ResizeToContents fitted them, a count that lands without
touching the rows, and a keystroke that sends one page query and counts only after it.

Counted, not timed: model resets, paint events of the table's viewport, ``data()`` calls
by role, sections resized and SQL statements sent.
"""

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from bench.list_gui import settle
from bench.list_sql import largest_expenditure_grant
from desktop import i18n
from desktop.i18n import N_, ngettext
from desktop.i18n.formatting import format_money
from desktop.services.activities import ActivityService
from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.store.demo_scale import load_scaled_demo
from desktop.ui.activities.page import COLUMNS, ActivitiesPage
from desktop.ui.cases.page import REFERRED_COLUMN, REFERRED_WIDTH, CasesPage
from desktop.ui.grants.expenditures_tab import ExpendituresTab
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import PagedTableModel
from tests.sql_log import statements_sent

# Roles Qt's item delegate asks of a cell to paint it (Qt 6: font, alignment, foreground,
# check state, decoration, display, background).
ROLES_PER_PAINTED_CELL = 7


class CountingModel(PagedTableModel):
    """The activities' model as a list has it, noting every role asked and every reset."""

    def __init__(self, source: ActivityService) -> None:
        super().__init__(source, COLUMNS, 0)
        self.roles: Counter[int] = Counter()
        self.resets = 0
        self.modelReset.connect(self._reset_seen)

    def _reset_seen(self) -> None:
        self.resets += 1

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.roles[int(role)] += 1
        return super().data(index, role)


class Paints(QObject):
    """Paint events of a widget."""

    def __init__(self, widget: Any) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _count(total: int) -> str:
    return ngettext("{count} activity", "{count} activities", total).format(count=total)


def _shown(qtbot: QtBot, page: ListPage) -> ListPage:
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.model.counting)
    return page


def _in_sight(table: QTableView) -> range:
    vertical = table.verticalHeader()
    rows = table.model().rowCount()
    bottom = vertical.visualIndexAt(table.viewport().height())
    return range(max(0, vertical.visualIndexAt(0)), (rows - 1 if bottom < 0 else bottom) + 1)


def _shown_columns(page: ListPage) -> list[int]:
    header = page.table.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def test_a_list_opens_with_one_reset_one_paint_and_no_size_hint_pass(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_scaled_demo(sqlite_db, 300)
    model = CountingModel(ActivityService(sqlite_db))
    page = ListPage(model, N_("Search"), _count, 1)
    paints = Paints(page.table.viewport())

    _shown(qtbot, page)

    assert model.resets == 1  # the sort set up by the table reads the first page, once
    assert model.total == 300  # the count landed...
    assert model.resets == 1  # ...without a second reset
    assert paints.count == 1
    assert model.roles[Qt.ItemDataRole.SizeHintRole] == 0  # no ResizeToContents pass
    cells = len(_in_sight(page.table)) * len(_shown_columns(page))
    assert 0 < sum(model.roles.values()) <= paints.count * cells * ROLES_PER_PAINTED_CELL


def test_the_count_landing_leaves_the_rows_and_their_columns_alone(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_scaled_demo(sqlite_db, 300)
    page = ActivitiesPage(sqlite_db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    resets: list[int] = []
    resized: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.table.horizontalHeader().sectionResized.connect(lambda column, *_: resized.append(column))
    paints = Paints(page.table.viewport())
    assert page.model.counting or page.model.total == 300

    qtbot.waitUntil(lambda: page.model.total is not None)
    qtbot.wait(50)

    assert page.model.total == 300
    assert page.count_label.text() == "300 activities"
    assert resets == [] and resized == []
    assert paints.count <= 1  # the rows' own paint, if it had not happened yet


@pytest.mark.parametrize("language", ["en", "sr"])
def test_each_column_fits_its_widest_text_in_sight_as_resize_to_contents_did(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    load_demo(sqlite_db)
    i18n.set_language(language)
    grant_id, _contract, _spent = largest_expenditure_grant(sqlite_db)
    for page in (ActivitiesPage(sqlite_db), ExpendituresTab(sqlite_db, grant_id)):
        _shown(qtbot, page)
        table, model = page.table, page.model
        header = table.horizontalHeader()
        metrics = QFontMetrics(table.font())
        rows = _in_sight(table)
        assert len(rows) > 10
        header.setResizeContentsPrecision(0)  # Qt's own measure of the rows in sight
        for column in _shown_columns(page):
            width = header.sectionSize(column)
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            assert metrics.horizontalAdvance(heading) < width, (language, heading)
            if column == page.title_column:
                continue  # it takes the width the others leave, its long titles elided
            for row in rows:
                text = model.text(row, column)
                assert metrics.horizontalAdvance(text) < width, (language, heading, text)
            qt_width = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert width == qt_width, (language, heading)
        assert header.sortIndicatorSection() == model.sort_column
        assert header.sortIndicatorOrder() == model.sort_order


def test_a_keystroke_sends_one_page_query_and_counts_only_after_the_rows(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_scaled_demo(sqlite_db, 300)
    page = _shown(qtbot, ActivitiesPage(sqlite_db))
    query = ListQuery(sort="start_date", descending=True, search="a")
    with statements_sent(sqlite_db) as alone:
        rows = ActivityService(sqlite_db).page(query)
    assert len(rows) == PAGE_SIZE  # "a" finds more than a page: a count follows
    with statements_sent(sqlite_db) as counting:
        ActivityService(sqlite_db).count(query)
    [count] = [statement for statement, _p in counting if statement.lstrip().startswith("SELECT")]
    header = page.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(len(COLUMNS))]

    with statements_sent(sqlite_db) as sent:
        page.model.modelReset.connect(lambda: sent.append(("-- the rows are in the model", None)))
        QTest.keyClick(page.search_edit, "a")
        page.apply_search()
        qtbot.waitUntil(lambda: page.model.total is not None)

    [reset] = [n for n, (statement, _p) in enumerate(sent) if statement.startswith("--")]
    before, after = sent[:reset], sent[reset + 1 :]
    assert [statement for statement, _p in before] == [statement for statement, _p in alone]
    assert count not in [statement for statement, _p in before]
    assert count in [statement for statement, _p in after]
    # a column widens for a wider text while a word is typed, but never narrows
    assert all(header.sectionSize(c) >= widths[c] for c in range(len(COLUMNS)) if c != 1)


def test_the_benchmarks_settle_until_a_lists_count_has_landed(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_scaled_demo(sqlite_db, 300)
    page = _shown(qtbot, ActivitiesPage(sqlite_db))
    page.search_edit.setText("a")
    page.apply_search()
    assert page.model.counting

    settle()

    assert not page.model.counting
    assert page.model.total is not None and page.model.total > PAGE_SIZE


def test_the_expenditures_sum_follows_the_rows_from_a_worker_thread(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    grant_id, _contract, spent = largest_expenditure_grant(sqlite_db)
    currency = GrantService(sqlite_db).get(grant_id).form.currency
    listing = ExpenditureService(sqlite_db).listing(grant_id)

    tab = ExpendituresTab(sqlite_db, grant_id)
    qtbot.addWidget(tab)

    assert spent < PAGE_SIZE and tab.model.total == spent  # the count came with the rows
    assert tab.count_label.text() == f"{spent} expenditures"  # the sum is not awaited
    amount = format_money(listing.total(tab.model.query), currency, "en")
    qtbot.waitUntil(lambda: tab.count_label.text() == f"{spent} expenditures, {amount} in all")

    tab.search_edit.setText(tab.model.row_at(0).invoice_reference)
    tab.apply_search()
    found = tab.model.total
    assert found is not None and 0 < found < spent
    assert "in all" not in tab.count_label.text()
    amount = format_money(listing.total(tab.model.query), currency, "en")
    qtbot.waitUntil(lambda: tab.count_label.text().endswith(f", {amount} in all"))


def test_a_column_a_page_sized_itself_keeps_its_width(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    page = _shown(qtbot, CasesPage(sqlite_db))
    header = page.table.horizontalHeader()
    assert header.sectionSize(REFERRED_COLUMN) == REFERRED_WIDTH

    page.search_edit.setText("a")
    page.apply_search()
    page.search_edit.clear()
    page.apply_search()

    assert header.sectionSize(REFERRED_COLUMN) == REFERRED_WIDTH
