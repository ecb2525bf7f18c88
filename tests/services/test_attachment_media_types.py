"""Office documents keep their own media type, which is longer than 64 characters."""

from pathlib import Path

from desktop.services.attachments import AttachmentService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database


def test_an_office_document_keeps_its_media_type(db: Database, tmp_path: Path) -> None:
    projects = ProjectService(db)
    project_id = projects.create(
        ProjectForm(
            code="P-1", name_en="Safer Zvečan", start_date="2026-01-01", end_date="2026-12-31"
        )
    )
    contract = tmp_path / "grant-contract.docx"
    contract.write_bytes(b"PK\x03\x04 a contract")
    service = AttachmentService(db)
    service.add("projects", projects.get(project_id).uuid, contract)
    [row] = service.list("projects", projects.get(project_id).uuid)
    assert row.media_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
