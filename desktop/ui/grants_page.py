"""The Grants page now lives in ``desktop.ui.grants.page`` with its editors; this module
keeps the old import path working for code not yet moved to the new one."""

from desktop.ui.grants.page import GrantsPage

__all__ = ["GrantsPage"]
