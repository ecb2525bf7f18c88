"""The steps every import of records takes, whatever the records: check the mapping, read
and validate every row, list every problem by row and column, and save all rows or none.

A kind of record says which fields a file may fill, how one row becomes a validated record
(through its own service's checks, so an imported record is one the form would have
saved), what makes two records the same, and how the records are inserted.  It may keep
what ``check`` accepted and let ``run`` on the same table and mapping save it without
reading every row again (``_remember``, ``_still_valid``).
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

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
        ticker.report()
        with self.unit_of_work(read_only=True) as session:
            records, errors = self._validate(session, table, mapping, ticker)
        self._remember(table, mapping, None if errors else records)
        return errors

    def run(
        self, table: Table, mapping: Mapping, progress: Progress | None = None
    ) -> ImportOutcome:
        """Check every row, then save them all in one transaction, or none if any is wrong
        (the outcome lists why) or the user cancels (``ImportCancelled``)."""
        require(self.actor, Permission.EDIT_RECORDS)
        self._check_mapping(mapping)
        ticker = ProgressTicker(progress, 2 * len(table.rows))
        ticker.report()
        with self.unit_of_work() as session:
            records = self._still_valid(session, table, mapping, ticker)
            if records is None:
                records, errors = self._validate(session, table, mapping, ticker)
                if errors:
                    return ImportOutcome(0, errors)
            self._save(session, records, ticker)
            return ImportOutcome(len(records), ())

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
        order = {target.key: position for position, target in enumerate(self.fields)}
        context = self._context(session)
        records: list[Any] = []
        errors: list[RowError] = []
        for row in table.rows:
            if row.overflows:
                errors.append(overflow_error(table, row))
                ticker.step()
                continue
            record, problems = self._read_row(session, context, row, mapping)
            if record is not None:
                records.append(record)
            for key in sorted(problems, key=lambda name: order.get(name, len(order))):
                column = column_label(table, mapping, self.fields, key)
                errors.append(RowError(row.number, column, problems[key]))
            ticker.step()
        return records, tuple(errors)

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
