"""The data model: one module per aggregate, SQLAlchemy 2.0 typed mappings, no Qt.

Importing this package registers every table on ``Base.metadata``.
"""

from desktop.domain.activity import Activity, AgeBand, ParticipantCount
from desktop.domain.attachment import Attachment
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.base import Base
from desktop.domain.case import Case, CaseAction, CaseCategory, CaseStatus, CaseStatusChange
from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.organisation import DonorProfile, Organisation, OrganisationKind
from desktop.domain.period import NarrativeSection, NarrativeText, PeriodKind, ReportingPeriod
from desktop.domain.person import Gender, Person
from desktop.domain.project import PartnerRole, Project, ProjectPartner, ProjectStatus
from desktop.domain.reference import (
    ActivityType,
    BudgetHeading,
    BudgetHeadingKind,
    BudgetTemplate,
    Community,
    Municipality,
    ThematicArea,
)
from desktop.domain.research import OutputStatus, OutputType, ResearchOutput
from desktop.domain.results import (
    Indicator,
    IndicatorValue,
    ParticipantRollup,
    Result,
    ResultLevel,
    ValueStatus,
)
from desktop.domain.user import Role, User

__all__ = [
    "Activity",
    "ActivityType",
    "AgeBand",
    "Attachment",
    "AuditAction",
    "AuditEntry",
    "Base",
    "BudgetHeading",
    "BudgetHeadingKind",
    "BudgetLine",
    "BudgetTemplate",
    "Case",
    "CaseAction",
    "CaseCategory",
    "CaseStatus",
    "CaseStatusChange",
    "Community",
    "DonorProfile",
    "Expenditure",
    "Gender",
    "Grant",
    "Indicator",
    "IndicatorValue",
    "Instalment",
    "Municipality",
    "NarrativeSection",
    "NarrativeText",
    "Organisation",
    "OrganisationKind",
    "OutputStatus",
    "OutputType",
    "ParticipantCount",
    "ParticipantRollup",
    "PartnerRole",
    "PeriodKind",
    "Person",
    "Project",
    "ProjectPartner",
    "ProjectStatus",
    "ReportingPeriod",
    "ResearchOutput",
    "Result",
    "ResultLevel",
    "Role",
    "ThematicArea",
    "User",
    "ValueStatus",
]
