"""Signing in: the dialogs shown before the main window, and what the signed-in role may see."""
