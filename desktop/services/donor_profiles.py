"""Donor profiles: which budget template a donor's grants use, and the logo its reports print.

A donor without a profile reports on the "simple" template and without a logo.  The
template decides which headings a grant's budget lines may sit under
(``desktop.services.budget``), so a donor cannot change template while its grants have
lines under another template's headings: they would no longer add up in its reports.

The logo is checked by its first bytes, not by a file name: a PNG or a JPEG of at most
1 MB, which a report can draw on every page without making the file heavy.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.base import utcnow
from desktop.domain.grant import BudgetLine, Grant
from desktop.domain.organisation import DonorProfile, Organisation
from desktop.domain.reference import BudgetHeading, BudgetTemplate
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_number
from desktop.services import audit
from desktop.services.base import Service
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.permissions import Permission, requires
from desktop.services.records import load
from desktop.services.scope import require_project_in_scope
from desktop.services.validation import Checker, find

DEFAULT_TEMPLATE = "simple"  # for a donor without a profile
EU_TEMPLATE = "eu_2016"
MAX_LOGO_BYTES = 1024 * 1024
PNG = "image/png"
JPEG = "image/jpeg"
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


@dataclass
class DonorProfileForm:
    """The template chosen and the logo file's bytes (``None``: no logo)."""

    budget_template_id: int | None = None
    logo: bytes | None = None


@dataclass(frozen=True)
class DonorProfileDetails:
    """A donor's profile as its reports use it; ``profile_id`` and ``version`` are
    ``None`` while the donor has none (the simple template, no logo)."""

    organisation_id: int
    profile_id: int | None
    version: int | None
    budget_template_id: int
    template_code: str
    template_name: str
    logo: bytes | None
    logo_media_type: str | None
    indirect_limit: Decimal | None = None  # of the direct costs: 0.07 for the EU

    @property
    def form(self) -> DonorProfileForm:
        return DonorProfileForm(self.budget_template_id, self.logo)


def logo_media_type(content: bytes) -> str | None:
    """ "image/png" or "image/jpeg" by the file's first bytes; ``None`` for anything else."""
    for signature, media_type in _SIGNATURES:
        if content.startswith(signature):
            return media_type
    return None


def donor_template(session: Session, donor_id: int) -> BudgetTemplate:
    """The template the donor's grants use: its profile's, else the simple one."""
    template = session.scalar(
        select(BudgetTemplate)
        .join(DonorProfile, DonorProfile.budget_template_id == BudgetTemplate.id)
        .where(DonorProfile.organisation_id == donor_id)
    )
    if template is None:
        template = session.scalars(
            select(BudgetTemplate).where(BudgetTemplate.code == DEFAULT_TEMPLATE)
        ).one()
    return template


def templates_in_use(session: Session, donor_id: int, grant_id: int | None = None) -> set[int]:
    """The templates of the headings that budget lines of the donor's grants (or of one
    grant) sit under."""
    statement = (
        select(BudgetHeading.template_id)
        .join(BudgetLine, BudgetLine.heading_id == BudgetHeading.id)
        .join(Grant, BudgetLine.grant_id == Grant.id)
        .distinct()
    )
    if grant_id is not None:
        statement = statement.where(Grant.id == grant_id)
    else:
        statement = statement.where(Grant.donor_id == donor_id)
    return set(session.scalars(statement))


def _organisation_missing() -> str:
    return _("The donor was not found; it may have been removed.")


def _grant_missing() -> str:
    return _("The grant was not found; it may have been removed.")


class DonorProfileService(Service):
    @requires(Permission.READ_RECORDS)
    def get(self, organisation_id: int) -> DonorProfileDetails:
        with self.unit_of_work(read_only=True) as session:
            load(session, Organisation, organisation_id, _organisation_missing())
            return _details(session, organisation_id, current_language())

    @requires(Permission.READ_RECORDS)
    def for_grant(self, grant_id: int, language: str | None = None) -> DonorProfileDetails:
        """The profile of the grant's donor, as a report of the grant prints it
        (``language`` names the template; the interface language by default)."""
        with self.unit_of_work(read_only=True) as session:
            grant = load(session, Grant, grant_id, _grant_missing())
            require_project_in_scope(session, self.actor, grant.project_id, _grant_missing())
            return _details(session, grant.donor_id, language or current_language())

    @requires(Permission.MANAGE_SETTINGS)
    def set(
        self, organisation_id: int, form: DonorProfileForm, expected_version: int | None
    ) -> int:
        """Create or change the donor's profile; returns its id.

        ``expected_version`` is the version of the profile the user saw, ``None`` if the
        donor had none: a profile someone else saved meanwhile is a conflict."""
        with self.unit_of_work() as session:
            load(session, Organisation, organisation_id, _organisation_missing())
            profile = session.scalar(
                select(DonorProfile).where(DonorProfile.organisation_id == organisation_id)
            )
            found_version = profile.version if profile is not None else None
            if found_version != expected_version:
                raise ConflictError()
            template, media_type = self._check(session, organisation_id, form)
            if profile is None:
                profile = DonorProfile(organisation_id=organisation_id)
                _copy(profile, template, form.logo, media_type)
                session.add(profile)
                audit.record(session, self.actor, AuditAction.CREATE, profile, _state(profile))
                return profile.id
            before = _state(profile)
            _copy(profile, template, form.logo, media_type)
            changes = audit.diff(before, _state(profile))
            if changes:
                profile.updated_at = utcnow()
                audit.record(session, self.actor, AuditAction.UPDATE, profile, changes)
            return profile.id

    @staticmethod
    def _check(
        session: Session, organisation_id: int, form: DonorProfileForm
    ) -> tuple[BudgetTemplate, str | None]:
        """The whole form's refusals at once, or the template and the logo's media type."""
        check = Checker()
        template = (
            find(session, BudgetTemplate, form.budget_template_id)
            if form.budget_template_id is not None
            else None
        )
        if template is None:
            check.fail("budget_template_id", _("Choose the donor's budget template."))
        elif templates_in_use(session, organisation_id) - {template.id}:
            check.fail(
                "budget_template_id",
                _(
                    "The donor's grants have budget lines under the headings of another "
                    "template; move those lines to headings of {template} first."
                ).format(template=template.name(current_language())),
            )
        media_type = None
        if form.logo is not None:
            media_type = logo_media_type(form.logo)
            if media_type is None:
                check.fail("logo", _("The logo must be a PNG or JPEG picture."))
            elif len(form.logo) > MAX_LOGO_BYTES:
                check.fail(
                    "logo",
                    _("The logo file is {size} KB; a logo can be at most 1 MB.").format(
                        size=format_number(round(len(form.logo) / 1024), current_language())
                    ),
                )
        if check.errors or template is None:
            raise ValidationError(check.errors)
        return template, media_type


def _details(session: Session, organisation_id: int, language: str) -> DonorProfileDetails:
    profile = session.scalar(
        select(DonorProfile).where(DonorProfile.organisation_id == organisation_id)
    )
    template = donor_template(session, organisation_id)
    return DonorProfileDetails(
        organisation_id=organisation_id,
        profile_id=profile.id if profile is not None else None,
        version=profile.version if profile is not None else None,
        budget_template_id=template.id,
        template_code=template.code,
        template_name=template.name(language),
        logo=profile.logo if profile is not None else None,
        logo_media_type=profile.logo_media_type if profile is not None else None,
        indirect_limit=template.indirect_limit,
    )


def _copy(
    profile: DonorProfile, template: BudgetTemplate, logo: bytes | None, media_type: str | None
) -> None:
    profile.budget_template_id = template.id
    profile.logo = logo
    profile.logo_media_type = media_type if logo is not None else None


def _state(profile: DonorProfile) -> audit.Snapshot:
    """The audited fields, with the logo as its size and checksum rather than its bytes."""
    state = audit.snapshot(profile)
    logo = profile.logo
    state["logo"] = len(logo) if logo is not None else None
    state["logo_sha256"] = hashlib.sha256(logo).hexdigest() if logo is not None else None
    return state
