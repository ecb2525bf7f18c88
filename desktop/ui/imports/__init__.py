"""Importing records from spreadsheets: the dialog, and one opener per kind of record."""

from desktop.ui.imports.organisations import OrganisationImportAction, open_organisation_import

__all__ = ["OrganisationImportAction", "open_organisation_import"]
