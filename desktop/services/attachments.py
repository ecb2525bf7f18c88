"""Files kept with a record (contracts, invoices, published PDFs): add, list, export, remove.

The bytes live in the database with their SHA-256, so one backup holds everything and an
export can prove it hands back the very file that was attached.  A record's attachments
are found by the owner's table and UUID, which stay the same across databases.
"""

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import load_all
from desktop.domain.attachment import MEDIA_TYPE_LENGTH, Attachment
from desktop.domain.audit import AuditAction
from desktop.domain.base import TEXT_LENGTH, Base
from desktop.i18n import _
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.base import Service
from desktop.services.errors import NotFoundError, ServiceError
from desktop.services.permissions import Permission, requires
from desktop.services.scope import attachment_condition, sees_record
from desktop.services.validation import is_record_id

MAX_SIZE = 50 * 1024 * 1024  # a scanned contract fits; a video does not belong here
GENERIC_MEDIA_TYPE = "application/octet-stream"
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]')  # what Windows refuses in a name


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: datetime


class AttachmentService(Service):
    @requires(Permission.READ_RECORDS)
    def list(self, entity_table: str, entity_uuid: UUID) -> list[AttachmentRow]:
        """The files attached to one record, oldest first."""
        statement = (
            select(
                Attachment.id,
                Attachment.filename,
                Attachment.media_type,
                Attachment.size,
                Attachment.sha256,
                Attachment.created_at,
            )
            .where(Attachment.entity == entity_table, Attachment.entity_uuid == entity_uuid)
            .where(attachment_condition(self.actor))
            .order_by(Attachment.created_at, Attachment.id)
        )
        with self.unit_of_work(read_only=True) as session:
            return [AttachmentRow(*result) for result in session.execute(statement)]

    @requires(Permission.EDIT_RECORDS)
    def add(self, entity_table: str, entity_uuid: UUID, path: Path) -> int:
        """Attach the file at ``path`` to the record; its id."""
        content = _read(path)
        filename = path.name[:TEXT_LENGTH]
        with self.unit_of_work() as session:
            _check_owner(session, self.actor, entity_table, entity_uuid)
            attachment = Attachment(
                entity=entity_table,
                entity_uuid=entity_uuid,
                filename=filename,
                media_type=media_type_of(filename),
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
            )
            session.add(attachment)
            audit.record(
                session, self.actor, AuditAction.CREATE, attachment, _described(attachment)
            )
            return attachment.id

    @requires(Permission.READ_RECORDS)
    def export(self, attachment_id: int, folder: Path) -> Path:
        """Write the attachment into ``folder`` under its own name (numbered if taken) and
        return the file's path; a file whose bytes no longer match its SHA-256 is refused."""
        with self.unit_of_work(read_only=True) as session:
            attachment = self._attachment(session, attachment_id)
            filename, content, expected = attachment.filename, attachment.content, attachment.sha256
        if hashlib.sha256(content).hexdigest() != expected:
            raise ServiceError(
                _(
                    "The file {filename} is damaged in the database (its checksum does not "
                    "match); restore it from a backup."
                ).format(filename=filename)
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = _free_path(folder, _safe_name(filename))
            target.write_bytes(content)
        except OSError as error:
            raise ServiceError(
                _("The file {filename} could not be written to {folder}.").format(
                    filename=filename, folder=folder
                )
            ) from error
        return target

    @requires(Permission.EDIT_RECORDS)
    def remove(self, attachment_id: int) -> None:
        with self.unit_of_work() as session:
            attachment = self._attachment(session, attachment_id)
            audit.record(
                session, self.actor, AuditAction.DELETE, attachment, _described(attachment)
            )
            session.delete(attachment)

    def _attachment(self, session: Session, attachment_id: int) -> Attachment:
        """The attachment; one of a record outside the actor's scope is "not found"."""
        if not is_record_id(attachment_id):
            raise NotFoundError(_not_found())
        found = session.scalar(
            select(Attachment).where(
                Attachment.id == attachment_id, attachment_condition(self.actor)
            )
        )
        if found is None:
            raise NotFoundError(_not_found())
        return found


def media_type_of(filename: str) -> str:
    """The media type the file's extension names, when the column can hold it (the Office
    types are longer than it: the extension still tells the system how to open them)."""
    guessed = mimetypes.guess_type(filename, strict=False)[0]
    if guessed is None or len(guessed) > MEDIA_TYPE_LENGTH:
        return GENERIC_MEDIA_TYPE
    return guessed


def _read(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or oversized file is refused by name."""
    try:
        if not path.is_file():
            raise ServiceError(_("The file {filename} was not found.").format(filename=path))
        if path.stat().st_size > MAX_SIZE:
            raise ServiceError(_too_large(path))
        content = path.read_bytes()
    except OSError as error:
        raise ServiceError(
            _("The file {filename} could not be read.").format(filename=path)
        ) from error
    if len(content) > MAX_SIZE:  # it grew while we looked
        raise ServiceError(_too_large(path))
    return content


def _too_large(path: Path) -> str:
    return _("The file {filename} is larger than {limit} MB and cannot be attached.").format(
        filename=path, limit=MAX_SIZE // (1024 * 1024)
    )


def _not_found() -> str:
    return _("The attached file was not found; it may have been removed.")


def _check_owner(session: Session, actor: Actor, entity_table: str, entity_uuid: UUID) -> None:
    """Files belong to a record that exists (a stray UUID would orphan them) and that the
    actor's organisation scope reaches."""
    model = _model_of(entity_table)
    owner = session.scalar(select(model).where(model.uuid == entity_uuid)) if model else None
    if owner is None or not sees_record(session, actor, owner):
        raise NotFoundError(
            _("The record to attach the file to was not found; it may have been deleted.")
        )


def _model_of(entity_table: str) -> type[Base] | None:
    load_all()  # every mapper, not only the models imported so far
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if getattr(model, "__tablename__", None) == entity_table and hasattr(model, "uuid"):
            return model
    return None


def _described(attachment: Attachment) -> audit.Snapshot:
    """What the audit log keeps of a file: everything but its bytes."""
    return {
        "entity": attachment.entity,
        "entity_uuid": str(attachment.entity_uuid),
        "filename": attachment.filename,
        "media_type": attachment.media_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }


def _safe_name(filename: str) -> str:
    cleaned = _UNSAFE_IN_NAMES.sub("_", filename).strip(" .")
    return cleaned or "attachment"


def _free_path(folder: Path, filename: str) -> Path:
    """``folder/filename``, or ``name (2).ext`` and so on when that is taken."""
    target = folder / filename
    stem, suffix = Path(filename).stem, Path(filename).suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target
