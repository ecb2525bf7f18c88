"""Importing records from spreadsheets: the dialog, and one action per kind of record."""

from desktop.ui.imports.organisations import OrganisationImportAction, open_organisation_import
from desktop.ui.imports.records import ActivityImportAction, ExpenditureImportAction

__all__ = [
    "ActivityImportAction",
    "ExpenditureImportAction",
    "OrganisationImportAction",
    "open_organisation_import",
]
