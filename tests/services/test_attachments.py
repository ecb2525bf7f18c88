"""Attachments: the bytes go in and come back out unchanged, refusals name the file, every
add and removal is audited."""

import hashlib
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import select, update

from desktop.domain.attachment import Attachment
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.i18n import _
from desktop.services.attachments import MAX_SIZE, AttachmentService
from desktop.services.errors import NotFoundError, ServiceError
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from tests.ui.helpers import add_project


def owner(db: Database) -> tuple[str, object]:
    project_id = add_project(db, "KS-CS-01", "Safer communities")
    return "projects", ProjectService(db).get(project_id).uuid


def test_a_file_comes_back_as_it_went_in(db: Database, tmp_path: Path) -> None:
    table, project_uuid = owner(db)
    content = "Ugovor o grantu — Уговор\n".encode() + bytes(range(256))
    source = tmp_path / "Grant contract 2025-461.pdf"
    source.write_bytes(content)
    service = AttachmentService(db)

    attachment_id = service.add(table, project_uuid, source)

    [row] = service.list(table, project_uuid)
    assert row.id == attachment_id
    assert row.filename == "Grant contract 2025-461.pdf"
    assert row.media_type == "application/pdf"
    assert row.size == len(content)
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    assert service.list(table, uuid4()) == []

    exported = service.export(attachment_id, tmp_path / "out")
    assert exported.name == "Grant contract 2025-461.pdf"
    assert exported.read_bytes() == content
    again = service.export(attachment_id, tmp_path / "out")
    assert again.name == "Grant contract 2025-461 (2).pdf"
    assert again.read_bytes() == content


def test_office_files_keep_their_name_and_a_type_that_fits(db: Database, tmp_path: Path) -> None:
    table, project_uuid = owner(db)
    source = tmp_path / "Budget.xlsx"
    source.write_bytes(b"PK\x03\x04")
    service = AttachmentService(db)
    attachment_id = service.add(table, project_uuid, source)
    [row] = service.list(table, project_uuid)
    assert row.filename == "Budget.xlsx"
    assert service.export(attachment_id, tmp_path / "out").suffix == ".xlsx"


def test_add_and_remove_are_audited(db: Database, tmp_path: Path) -> None:
    table, project_uuid = owner(db)
    source = tmp_path / "invoice.txt"
    source.write_text("Invoice 17")
    service = AttachmentService(db)
    attachment_id = service.add(table, project_uuid, source)
    service.remove(attachment_id)

    assert service.list(table, project_uuid) == []
    with db.transaction() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "attachments").order_by(AuditEntry.id)
        ).all()
        assert [entry.action for entry in entries] == [AuditAction.CREATE, AuditAction.DELETE]
        assert all(entry.entity_id == attachment_id for entry in entries)
        assert entries[0].changes["filename"] == "invoice.txt"
        assert entries[0].changes["entity_uuid"] == str(project_uuid)
        assert "content" not in entries[0].changes
    with pytest.raises(NotFoundError):
        service.remove(attachment_id)


def test_missing_and_oversized_files_are_refused_by_name(db: Database, tmp_path: Path) -> None:
    table, project_uuid = owner(db)
    service = AttachmentService(db)
    missing = tmp_path / "gone.pdf"
    with pytest.raises(ServiceError) as refused:
        service.add(table, project_uuid, missing)
    assert str(refused.value) == _("The file {filename} was not found.").format(filename=missing)

    big = tmp_path / "video.mp4"
    with big.open("wb") as file:
        file.truncate(MAX_SIZE + 1)
    with pytest.raises(ServiceError) as refused:
        service.add(table, project_uuid, big)
    assert "video.mp4" in str(refused.value)

    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(ServiceError):
        service.add(table, project_uuid, folder)
    assert service.list(table, project_uuid) == []


def test_a_file_for_no_record_is_refused(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text("x")
    service = AttachmentService(db)
    with pytest.raises(NotFoundError):
        service.add("projects", uuid4(), source)
    with pytest.raises(NotFoundError):
        service.add("no_such_table", uuid4(), source)
    with db.transaction() as session:
        assert session.scalars(select(Attachment)).all() == []


def test_a_damaged_file_is_not_handed_out(db: Database, tmp_path: Path) -> None:
    table, project_uuid = owner(db)
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.7 original")
    service = AttachmentService(db)
    attachment_id = service.add(table, project_uuid, source)
    with db.transaction() as session:
        session.execute(
            update(Attachment)
            .where(Attachment.id == attachment_id)
            .values(content=b"%PDF-1.7 tampered")
        )
    with pytest.raises(ServiceError) as refused:
        service.export(attachment_id, tmp_path / "out")
    assert "report.pdf" in str(refused.value)
    assert not (tmp_path / "out" / "report.pdf").exists()
