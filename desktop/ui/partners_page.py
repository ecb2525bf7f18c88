"""The Partners page is ``desktop.ui.organisations.page.OrganisationsPage`` (editable); this
name remains for the code and tests that import it from here."""

from desktop.ui.organisations.page import OrganisationsPage as PartnersPage

__all__ = ["PartnersPage"]
