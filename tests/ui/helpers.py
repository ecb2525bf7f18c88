"""Records made through the services, as the tests' starting data."""

from datetime import date
from typing import Any

from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database


def project_form(code: str, title: str, **changes: Any) -> ProjectForm:
    form = ProjectForm(
        code=code,
        name_en=title,
        start_date=date(2026, 1, 1),
        end_date=date(2027, 6, 30),
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def add_project(db: Database, code: str, title: str, **changes: Any) -> int:
    return ProjectService(db).create(project_form(code, title, **changes))
