"""Loading the shipped reference data (``resources/data/*.csv``) into a database.

Rows are matched by ``code`` and updated in place, so a newer CSO Desk can correct a
translation without touching the records that point at the row.
"""

import csv
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.reference import (
    ActivityType,
    BudgetHeading,
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
    BudgetHeading: "budget_headings.csv",
    ThematicArea: "thematic_areas.csv",
}
_NAME_FIELDS = ("name_en", "name_sq", "name_sr", "name_sr_latn")


def read_reference_file(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sync_reference_data(session: Session, data_dir: Path = DATA_DIR) -> None:
    """Insert or update every shipped reference row; never deletes one a record may use."""
    for model, file_name in REFERENCE_FILES.items():
        existing = {item.code: item for item in session.scalars(select(model))}
        for order, row in enumerate(read_reference_file(data_dir / file_name)):
            item = existing.get(row["code"]) or model(code=row["code"])
            item.sort_order = order
            for field in _NAME_FIELDS:
                setattr(item, field, row[field])
            session.add(item)
