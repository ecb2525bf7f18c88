"""The choice of a project in an editor (an activity's, a grant's, a case's).

2,000 projects at 1,000,000 activities: each editor read them all as whole records and
added them one by one (≈ 35–80 ms of CPU) on every opening.  The combo shows the chosen
project at once and reads the list when the user reaches for it.  The callables hold the
services, not the editor, so a closed editor is not kept alive through its combo.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.domain.multilingual import resolve_name
from desktop.i18n import current_language
from desktop.services.errors import NotFoundError
from desktop.services.projects import ProjectService
from desktop.ui.widgets.lazy_choice import LazyChoiceCombo

# (code, title) -> the text of one choice, as the editor's service writes its choices
Labelled = Callable[[str, str], str]


def project_combo(
    choices: Callable[[str], list[tuple[int, str]]],
    projects: ProjectService,
    labelled: Labelled,
    parent: QWidget,
) -> LazyChoiceCombo:
    """A combo offering ``choices(language)``; the chosen project before they are read
    (or an archived one they leave out) is named ``labelled(code, title)``; one outside
    the reader's projects is not offered, as the choices leave it out."""

    def name_of(project_id: int) -> str | None:
        try:
            form = projects.get(project_id).form
        except NotFoundError:
            return None  # outside the reader's projects: not offered, as in the choices
        names = {
            "en": form.name_en,
            "sq": form.name_sq,
            "sr": form.name_sr,
            "sr_Latn": form.name_sr_latn,
        }
        return labelled(form.code, resolve_name(names, current_language()))

    return LazyChoiceCombo(lambda: choices(current_language()), name_of, parent)
