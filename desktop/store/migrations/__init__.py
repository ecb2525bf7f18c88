"""Schema migrations (Alembic).

``REVISIONS`` lists every revision this version of CSO Desk knows, oldest first, so that
opening an up-to-date database needs one SQL query and no Alembic import; a test keeps it
equal to Alembic's own history.
"""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]
