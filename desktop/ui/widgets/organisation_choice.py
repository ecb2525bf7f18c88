"""The choice of an organisation in an editor: the lead, the partner, where a case went.

One builder for every editor, so each shows the chosen organisation's name the same way and
reads the thousands of others only when the user reaches for the choice.  The callables
hold the service, not the editor, so a closed editor is not kept alive through its combo.
"""

from functools import partial

from PySide6.QtWidgets import QWidget

from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
from desktop.i18n import _, current_language
from desktop.services.organisations import OrganisationService
from desktop.ui.widgets.lazy_choice import LazyChoiceCombo


def organisation_combo(
    organisations: OrganisationService, parent: QWidget, *, mark_archived: bool = False
) -> LazyChoiceCombo:
    """A combo offering every organisation in use; ``mark_archived`` names an archived
    chosen one "… (archived)"."""
    return LazyChoiceCombo(
        lambda: organisations.choices(current_language()),
        partial(organisation_name, organisations, mark_archived=mark_archived),
        parent,
    )


def organisation_name(
    organisations: OrganisationService, organisation_id: int, *, mark_archived: bool = False
) -> str:
    """The organisation's name in the interface language, as the choices give it."""
    details = organisations.get(organisation_id)
    names = {code: getattr(details.form, name_column(code)) for code in NAME_LANGUAGES}
    name = resolve_name(names, current_language())
    if not (mark_archived and details.archived):
        return name
    # L10N: an archived organisation a case was referred to
    return _("{name} (archived)").format(name=name)
