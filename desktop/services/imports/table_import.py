"""The steps every import of records takes, whatever the records: check the mapping, read
and validate every row, list every problem by row and column, and save all rows or none.

A kind of record says which fields a file may fill, how one row becomes a validated record
(through its own service's checks, so an imported record is one the form would have
saved), what makes two records the same, and how the records are inserted.  It may keep
what ``check`` accepted and let ``run`` on the same table and mapping save it without
reading every row again (``_remember``, ``_still_valid``).

Checking and saving hold Python's cycle collector off (``desktop.collector``): the rows'
records, cells and statements are many small objects that reference counting frees.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session

from desktop.collector import collector_paused
from desktop.i18n import _
from desktop.services.base import Service
from desktop.services.errors import ServiceError
from desktop.services.imports.base import (
    ImportOutcome,
    Progress,
    ProgressTicker,
    RowError,
    overflow_error,
)
from desktop.services.imports.lookups import column_label
from desktop.services.imports.mapping import Mapping, TargetField, guess_mapping
from desktop.services.imports.reading import SheetRow, Table
from desktop.services.permissions import Permission, require

Problems = dict[str, str]  # field key -> sentence


class _Refused(Exception):
    """Some row has a problem: leaves the unit of work, which undoes any row saved."""

    def __init__(self, errors: tuple[RowError, ...]) -> None:
        super().__init__(errors)
        self.errors = errors


class TableImport(Service):
    """``check`` and ``run`` over the hooks ``_context``, ``_read_row`` and ``_save``."""

    fields: Sequence[TargetField] = ()
    # Fields without which no row can be read: the mapping must give each a column.
    required: Sequence[str] = ()

    def guess(self, table: Table) -> Mapping:
        return guess_mapping(self.fields, table.header)

    def check(
        self, table: Table, mapping: Mapping, progress: Progress | None = None
    ) -> tuple[RowError, ...]:
        """Every problem the import would refuse, without saving anything."""
        require(self.actor, Permission.EDIT_RECORDS)
        self._check_mapping(mapping)
        ticker = ProgressTicker(progress, len(table.rows))
        with collector_paused():
            ticker.report()
            with self.unit_of_work(read_only=True) as session:
                records, errors = self._validate(session, table, mapping, ticker)
            self._remember(table, mapping, None if errors else records)
        return errors

    def run(
        self, table: Table, mapping: Mapping, progress: Progress | None = None
    ) -> ImportOutcome:
        """Check every row and save them all in one transaction, or none if any is wrong
        (the outcome lists why) or the user cancels (``ImportCancelled``)."""
        require(self.actor, Permission.EDIT_RECORDS)
        self._check_mapping(mapping)
        ticker = ProgressTicker(progress, 2 * len(table.rows))
        with collector_paused():
            return self._run(table, mapping, ticker)

    def _run(self, table: Table, mapping: Mapping, ticker: ProgressTicker) -> ImportOutcome:
        ticker.report()
        try:
            with self.unit_of_work() as session:
                records = self._still_valid(session, table, mapping, ticker)
                if records is not None:
                    self._save(session, records, ticker)
                    return ImportOutcome(len(records), ())
                errors: list[RowError] = []
                checked = self._checking(session, table, mapping, ticker, errors)
                saved = self._save_as_checked(session, checked, errors, ticker)
                if errors:
                    raise _Refused(tuple(errors))  # undoes what was saved before a problem
                return ImportOutcome(saved, ())
        except _Refused as refused:
            return ImportOutcome(0, refused.errors)

    def _check_mapping(self, mapping: Mapping) -> None:
        missing = [target for target in self.fields if target.key in self.required]
        missing = [target for target in missing if mapping.get(target.key) is None]
        if missing:
            raise ServiceError(
                # L10N: {fields} lists the fields of the import dialog, separated by commas
                _("Choose the column that holds each of these fields: {fields}.").format(
                    fields=", ".join(target.title() for target in missing)
                )
            )

    def _validate(
        self, session: Session, table: Table, mapping: Mapping, ticker: ProgressTicker
    ) -> tuple[list[Any], tuple[RowError, ...]]:
        errors: list[RowError] = []
        records = list(self._checking(session, table, mapping, ticker, errors))
        return records, tuple(errors)

    def _checking(
        self,
        session: Session,
        table: Table,
        mapping: Mapping,
        ticker: ProgressTicker,
        errors: list[RowError],
    ) -> Iterator[Any]:
        """Each row's validated record as soon as it is read; each problem is added to
        ``errors`` as it is found.  What the rows are read against is read at once, before
        the first row is asked for (and so before any is saved)."""
        context = self._context(session)
        return self._rows_checked(session, context, table, mapping, ticker, errors)

    def _rows_checked(
        self,
        session: Session,
        context: Any,
        table: Table,
        mapping: Mapping,
        ticker: ProgressTicker,
        errors: list[RowError],
    ) -> Iterator[Any]:
        order = {target.key: position for position, target in enumerate(self.fields)}
        for row in table.rows:
            if row.overflows:
                errors.append(overflow_error(table, row))
                ticker.step()
                continue
            record, problems = self._read_row(session, context, row, mapping)
            for key in sorted(problems, key=lambda name: order.get(name, len(order))):
                column = column_label(table, mapping, self.fields, key)
                errors.append(RowError(row.number, column, problems[key]))
            ticker.step()
            if record is not None:
                yield record

    def _context(self, session: Session) -> Any:
        """What every row is read against (indexes of the records cells may name, the
        natural keys already taken), loaded once."""
        raise NotImplementedError

    def _read_row(
        self, session: Session, context: Any, row: SheetRow, mapping: Mapping
    ) -> tuple[Any | None, Problems]:
        """The row's validated record, or ``None`` and its problems by field key."""
        raise NotImplementedError

    def _save(self, session: Session, records: list[Any], ticker: ProgressTicker) -> None:
        raise NotImplementedError

    def _save_as_checked(
        self,
        session: Session,
        checked: Iterator[Any],
        errors: list[RowError],
        ticker: ProgressTicker,
    ) -> int:
        """Check every row (``checked`` yields the records that pass) and save the records
        unless ``errors`` then holds a problem; returns how many were saved.  A kind of
        record may save each while the rest are checked (``run`` undoes it all if a later
        row has a problem); this one checks them all first."""
        records = list(checked)
        if not errors:
            self._save(session, records, ticker)
        return len(records)

    def _remember(self, table: Table, mapping: Mapping, records: list[Any] | None) -> None:
        """Keep what ``check`` accepted, for ``run`` (``None``: it refused some row, and
        nothing may be reused); a kind of record that does not reuse its check keeps
        nothing."""

    def _still_valid(
        self, session: Session, table: Table, mapping: Mapping, ticker: ProgressTicker
    ) -> list[Any] | None:
        """The records the last ``check`` accepted from this table and mapping, if they
        may be saved without reading every row again (one progress step each); ``None``
        to read and check every row."""
        return None
