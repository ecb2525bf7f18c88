"""The floor of "cold start to the first rows": a bare script that imports PySide6 and
SQLAlchemy's ORM, runs the activities list's first-page query (the very SQL and parameters
the activities service sends, captured by ``bench/startup.py``) in an ORM ``Session`` on the
scale's database, and shows the rows' texts in a ``QTableView`` of a ``QMainWindow``; it
quits right after the view's viewport has painted rows, as ``--exit-after-paint=rows`` does.

Usage: ``python bench/startup_rows_floor.py DATABASE QUERY.json``, where the JSON holds
``{"sql": ..., "parameters": [...]}``.
"""

import json
import sys
from pathlib import Path
from typing import Any

import sqlalchemy.orm
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from sqlalchemy import create_engine

SHOWN = ("start_date", "name_en", "name_en_1", "name_en_2", "code", "participants_total")


class Rows(QAbstractTableModel):
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(SHOWN)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._rows[index.row()][index.column()] or "")
        return None


class QuitAfterRows(QObject):
    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._view.model().rowCount() > 0:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


def first_page(database: str, query: dict[str, Any]) -> list[tuple[Any, ...]]:
    engine = create_engine(f"sqlite+pysqlite:///{database}")
    with sqlalchemy.orm.Session(engine) as session:
        result = session.connection().exec_driver_sql(query["sql"], tuple(query["parameters"]))
        names = list(result.keys())
        picks = [names.index(name) for name in SHOWN]
        rows = [tuple(row[pick] for pick in picks) for row in result]
    engine.dispose()
    return rows


def main() -> int:
    database, query_file = sys.argv[1], Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QTableView(window)
    window.setCentralWidget(view)
    window.resize(1200, 760)
    view.setModel(Rows(first_page(database, json.loads(query_file.read_text("utf-8")))))
    view.viewport().installEventFilter(QuitAfterRows(view))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
