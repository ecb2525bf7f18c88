"""Finding the record a cell names, however the office wrote it.

A spreadsheet names a municipality, a project or a community as its author knows it: a
code, a name in Albanian or Serbian in either script, the English dual form
("Prishtinë/Priština") or one half of it, with or without accents.  Every such spelling is
folded once into an index, so each of 100,000 rows costs a dictionary look-up.
"""

from collections.abc import Iterable
from functools import lru_cache

from desktop.domain.reference import ReferenceItem
from desktop.i18n.folding import fold
from desktop.services.imports.mapping import Mapping, TargetField
from desktop.services.imports.reading import SheetRow, Table

# A column of kinds or places repeats a few values thousands of times: fold each once.
fold_value = lru_cache(maxsize=4096)(fold)


def spellings_index(records: Iterable[tuple[int, Iterable[str | None]]]) -> dict[str, int]:
    """Each (id, spellings) pair's spellings, and each half of a dual name split at "/",
    folded, to the id; the first record to claim a spelling keeps it."""
    index: dict[str, int] = {}
    for record_id, spellings in records:
        for spelling in spellings:
            for part in [spelling or "", *(spelling or "").split("/")]:
                if part.strip():
                    index.setdefault(fold(part), record_id)
    return index


def reference_index(items: Iterable[ReferenceItem]) -> dict[str, int]:
    """Reference items (municipalities, communities, activity types) by code and by every
    name, as ``spellings_index`` folds them."""
    return spellings_index((item.id, [item.code, *item.names().values()]) for item in items)


def cell_of(row: SheetRow, mapping: Mapping, key: str) -> str:
    """The text of the column that fills ``key``, or "" when none does."""
    index = mapping.get(key)
    return row.cells[index] if index is not None and index < len(row.cells) else ""


def column_label(table: Table, mapping: Mapping, fields: Iterable[TargetField], key: str) -> str:
    """The column a problem with ``key`` is found in ("C: Komuna"), or the field's name
    when no column fills it."""
    index = mapping.get(key)
    if index is not None:
        return table.column_name(index)
    return next(target.title() for target in fields if target.key == key)


def first_mapped(mapping: Mapping, keys: Iterable[str]) -> str:
    """The first of ``keys`` a column fills, or the first of them."""
    keys = tuple(keys)
    return next((key for key in keys if mapping.get(key) is not None), keys[0])
