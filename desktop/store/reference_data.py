"""Loading the shipped reference data (``resources/data/*.csv``) into a database.

Rows are matched by ``code`` and updated in place, so a newer CSO Desk can correct a
translation without touching the records that point at the row.  Budget templates load
before their headings, and a heading's parent comes before it in ``budget_headings.csv``.
"""

import csv
from decimal import Decimal
from pathlib import Path
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.reference import (
    ActivityType,
    BudgetHeading,
    BudgetHeadingKind,
    BudgetTemplate,
    Community,
    Municipality,
    ReferenceItem,
    ThematicArea,
)
from desktop.resources import DATA_DIR

REFERENCE_FILES: dict[type[ReferenceItem], str] = {
    Municipality: "municipalities.csv",
    Community: "communities.csv",
    ActivityType: "activity_types.csv",
    BudgetTemplate: "budget_templates.csv",
    BudgetHeading: "budget_headings.csv",
    ThematicArea: "thematic_areas.csv",
}
_NAME_FIELDS = ("name_en", "name_sq", "name_sr", "name_sr_latn")


def read_reference_file(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sync_reference_data(session: Session, data_dir: Path = DATA_DIR) -> None:
    """Insert or update every shipped reference row; never deletes one a record may use."""
    loaded: dict[type[ReferenceItem], dict[str, ReferenceItem]] = {}
    for model, file_name in REFERENCE_FILES.items():
        existing: dict[str, ReferenceItem] = {
            item.code: item for item in session.scalars(select(model))
        }
        for order, row in enumerate(read_reference_file(data_dir / file_name)):
            item = existing.get(row["code"]) or model(code=row["code"])
            existing[item.code] = item
            item.sort_order = order
            for field in _NAME_FIELDS:
                setattr(item, field, row[field])
            if isinstance(item, BudgetTemplate):
                limit = row["indirect_limit"]
                item.indirect_limit = Decimal(limit) if limit else None
            elif isinstance(item, BudgetHeading):
                _place_heading(item, row, loaded[BudgetTemplate], existing)
            session.add(item)
        loaded[model] = existing


def _place_heading(
    heading: BudgetHeading,
    row: dict[str, str],
    templates: dict[str, ReferenceItem],
    headings: dict[str, ReferenceItem],
) -> None:
    """Its template, parent, number and kind, as ``budget_headings.csv`` gives them."""
    heading.template = cast(BudgetTemplate, templates[row["template"]])
    heading.parent = cast(BudgetHeading, headings[row["parent"]]) if row["parent"] else None
    heading.number = row["number"]
    heading.kind = BudgetHeadingKind(row["kind"])
