"""The data model: one module per aggregate, SQLAlchemy 2.0 typed mappings, no Qt.

Importing a model's own module (``desktop.domain.user``) loads that model and the models its
relationships reach, no more: the window's start reads its first rows with the models of the
activities list and the sign-in alone (about half of them), and SQLAlchemy configures only
the mappers imported so far (the others are configured at the first query after their
import).  Taking a name from this package (``from desktop.domain import Base``), or calling
``load_all()``, imports every model and so registers every table on ``Base.metadata``: code
that walks ``Base.metadata`` or ``Base.registry.mappers`` calls ``load_all()`` first.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers; at run time ``__getattr__`` below
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

MODEL_MODULES = (
    "activity",
    "attachment",
    "audit",
    "base",
    "case",
    "grant",
    "organisation",
    "period",
    "person",
    "project",
    "reference",
    "research",
    "results",
    "user",
)

_EXPORTS = {
    "Activity": "activity",
    "ActivityType": "reference",
    "AgeBand": "activity",
    "Attachment": "attachment",
    "AuditAction": "audit",
    "AuditEntry": "audit",
    "Base": "base",
    "BudgetHeading": "reference",
    "BudgetHeadingKind": "reference",
    "BudgetLine": "grant",
    "BudgetTemplate": "reference",
    "Case": "case",
    "CaseAction": "case",
    "CaseCategory": "case",
    "CaseStatus": "case",
    "CaseStatusChange": "case",
    "Community": "reference",
    "DonorProfile": "organisation",
    "Expenditure": "grant",
    "Gender": "person",
    "Grant": "grant",
    "Indicator": "results",
    "IndicatorValue": "results",
    "Instalment": "grant",
    "Municipality": "reference",
    "NarrativeSection": "period",
    "NarrativeText": "period",
    "Organisation": "organisation",
    "OrganisationKind": "organisation",
    "OutputStatus": "research",
    "OutputType": "research",
    "ParticipantCount": "activity",
    "ParticipantRollup": "results",
    "PartnerRole": "project",
    "PeriodKind": "period",
    "Person": "person",
    "Project": "project",
    "ProjectPartner": "project",
    "ProjectStatus": "project",
    "ReportingPeriod": "period",
    "ResearchOutput": "research",
    "Result": "results",
    "ResultLevel": "results",
    "Role": "user",
    "ThematicArea": "reference",
    "User": "user",
    "ValueStatus": "results",
}


def load_all() -> None:
    """Import every model, registering every table on ``Base.metadata`` and every mapper
    in ``Base.registry``."""
    for module in MODEL_MODULES:
        importlib.import_module(f"desktop.domain.{module}")


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    load_all()
    value = getattr(importlib.import_module(f"desktop.domain.{module}"), name)
    globals()[name] = value
    return value


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
