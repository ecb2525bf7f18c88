"""User administration: the list of accounts, their editor, passwords, and signing out."""
