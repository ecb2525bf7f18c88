"""Importing activities with their participants from the activity logs offices keep."""

import csv
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from desktop.domain.activity import Activity, AgeBand, ParticipantCount
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.person import Gender
from desktop.domain.user import Role
from desktop.i18n import set_language, translator_for
from desktop.services.activities import ActivityService, ParticipantLine
from desktop.services.actor import Actor
from desktop.services.audit_log import AuditLogService
from desktop.services.errors import ServiceError
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.base import ImportCancelled, ImportOutcome
from desktop.services.imports.reading import read_table
from desktop.services.listing import ListQuery
from desktop.services.permissions import PermissionDenied
from desktop.store import log_copy
from desktop.store.database import Database
from desktop.store.demo import load_demo

ALBANIAN = ["Projekti", "Lloji", "Titulli", "Data", "Komuna", "Vendi", "Komuniteti", "Gra",
            "Burra", "Gjithsej"]  # fmt: skip
ROWS = [
    ["CSK-2025-01", "Konsultim publik", "Dëgjim publik për sigurinë në Gjakovë", "12.05.2026",
     "Gjakovë", "Salla e Kuvendit", "shqiptar", "14", "11", "25"],
    ["csk-2025-03", "Takim dialogu", "Takim me policinë në Zveçan", "2026-05-20",
     "Zvečan", "", "Srbi", "6", "9", ""],
    ["Bridges in the North: dialogue between the police and communities", "Training",
     "Trajnim për të rinjtë", "21/05/2026", "Mitrovicë e Veriut", "", "", "", "", "30"],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", sep: str = ";") -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=sep).writerows(rows)
    return path


def run(db: Database, path: Path, actor: Actor | None = None):
    table = read_table(path)
    importer = ActivityImport(db, actor)
    return importer.run(table, importer.guess(table))


def imported(db: Database, title: str, language: str = "en"):
    service = ActivityService(db)
    query = ListQuery(search=title, language=language)
    rows = [row for row in service.page(query) if row.title == title]
    return [(row, service.get(row.id).form) for row in rows]


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def test_an_albanian_activity_log_in_windows_1250_imports_with_its_participants(
    demo: Database, tmp_path: Path
) -> None:
    before = ActivityService(demo).count(ListQuery())
    path = write_csv(tmp_path / "aktivitetet.csv", [ALBANIAN, *ROWS], "cp1250")

    outcome = run(demo, path)

    assert outcome.errors == ()
    assert outcome.imported == 3
    assert ActivityService(demo).count(ListQuery()) == before + 3
    [(row, form)] = imported(demo, "Dëgjim publik për sigurinë në Gjakovë")
    assert (row.project_code, row.activity_type) == ("CSK-2025-01", "Public consultation")
    assert (row.municipality, row.women, row.men, row.participants_total) == (
        "Gjakovë/Đakovica", 14, 11, 25)  # fmt: skip
    assert str(form.start_date) == str(form.end_date) == "2026-05-12"
    assert form.venue == "Salla e Kuvendit"
    assert sorted(form.participants) == [
        ParticipantLine(Gender.FEMALE, AgeBand.UNKNOWN, "albanian", 14),
        ParticipantLine(Gender.MALE, AgeBand.UNKNOWN, "albanian", 11),
    ]
    [(row, form)] = imported(demo, "Takim me policinë në Zveçan")
    assert (row.project_code, row.municipality) == ("CSK-2025-03", "Zveçan/Zvečan")
    assert {line.community for line in form.participants} == {"serb"}
    [(row, form)] = imported(demo, "Trajnim për të rinjtë")
    assert (row.project_code, row.recorded, row.total) == ("CSK-2025-03", 0, 30)
    assert str(form.start_date) == "2026-05-21"


def test_serbian_headers_in_either_script_are_guessed(demo: Database, tmp_path: Path) -> None:
    cyrillic = ["Пројекат", "Врста", "Назив", "Датум", "Општина", "Жене", "Мушкарци"]
    latin = ["Projekat", "Vrsta", "Naziv", "Datum", "Opština", "Žene", "Muškarci", "Opis"]
    for header in (cyrillic, latin):
        table = read_table(write_csv(tmp_path / "log.csv", [header, ["x"] * len(header)]))
        mapping = ActivityImport(demo).guess(table)
        title = "name_sr" if header is cyrillic else "name_sr_latn"
        expected = ["project", "activity_type", title, "start_date", "municipality", "women",
                    "men", "description"]  # fmt: skip
        assert [mapping[key] for key in expected[: len(header)]] == list(range(len(header)))

    rows = [cyrillic, ["CSK-2025-03", "Обука", "Обука за младе", "03.06.2026.", "Звечан", "5",
                       "7"]]  # fmt: skip
    assert run(demo, write_csv(tmp_path / "обуке.csv", rows)).imported == 1
    [(row, form)] = imported(demo, "Обука за младе", "sr")
    assert (row.women, row.men, form.name_sr) == (5, 7, "Обука за младе")


def test_errors_name_the_row_and_column_in_albanian(demo: Database, tmp_path: Path) -> None:
    rows = [ALBANIAN, *ROWS]
    rows[2] = [*rows[2][:4], "Atlantis", *rows[2][5:7], "shumë", *rows[2][8:]]  # row 3
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    importer = ActivityImport(demo)
    set_language("sq")

    errors = importer.check(table, importer.guess(table))

    sq = translator_for("sq").gettext
    assert [(error.row, error.column, error.message) for error in errors] == [
        (3, "E: Komuna", sq("“{value}” is not a municipality of Kosovo.").format(value="Atlantis")),
        (3, "H: Gra", sq("“{value}” is not a whole number.").format(value="shumë")),
    ]
    assert errors[0].message == "„Atlantis“ nuk është komunë e Kosovës."


def test_one_bad_row_saves_nothing(demo: Database, tmp_path: Path) -> None:
    before = ActivityService(demo).count(ListQuery(include_archived=True))
    rows = [ALBANIAN, *ROWS]
    rows[3] = [*rows[3][:3], "31.02.2026", *rows[3][4:]]  # row 4: no such day
    rows[1] = ["NO-SUCH", *rows[1][1:]]  # row 2: no such project

    outcome = run(demo, write_csv(tmp_path / "a.csv", rows))

    assert outcome.imported == 0
    assert [(error.row, error.column) for error in outcome.errors] == [
        (2, "A: Projekti"),
        (4, "D: Data"),
    ]
    assert "NO-SUCH" in outcome.errors[0].message
    assert ActivityService(demo).count(ListQuery(include_archived=True)) == before


def test_a_month_first_date_is_refused_rather_than_turned_round(
    demo: Database, tmp_path: Path
) -> None:
    rows = [ALBANIAN, [*ROWS[0][:3], "05/31/2026", *ROWS[0][4:]]]

    [error] = run(demo, write_csv(tmp_path / "a.csv", rows)).errors

    assert (error.row, error.column) == (2, "D: Data")
    assert "month first" in error.message and "31.05.2026" in error.message


def test_duplicates_in_the_file_and_in_the_database_are_listed_by_row(
    demo: Database, tmp_path: Path
) -> None:
    service = ActivityService(demo)
    known = service.page(ListQuery(sort="start_date"), 0, 1)[0]
    form = service.get(known.id).form
    rows = [
        ["Project", "Type", "Title", "Title in Albanian", "Date"],
        [known.project_code, "training", "", form.name_sq.upper(), form.start_date.isoformat()],
        ["CSK-2025-01", "training", "Youth training", "", "01.06.2026"],
        ["CSK-2025-01", "workshop", "YOUTH TRAINING", "", "2026-06-01"],  # row 3 again
        ["CSK-2025-01", "training", "Youth training", "", "02.06.2026"],  # another day
    ]

    outcome = run(demo, write_csv(tmp_path / "a.csv", rows, sep=","))

    assert outcome.imported == 0
    problems = {(error.row, error.column): error.message for error in outcome.errors}
    assert set(problems) == {(2, "D: Title in Albanian"), (4, "C: Title")}
    assert "already" in problems[2, "D: Title in Albanian"]
    assert "Row 3" in problems[4, "C: Title"]


def test_each_imported_activity_is_audited_like_one_typed_in(
    demo: Database, tmp_path: Path
) -> None:
    run(demo, write_csv(tmp_path / "a.csv", [ALBANIAN, ROWS[0]]))
    [(row, _form)] = imported(demo, "Dëgjim publik për sigurinë në Gjakovë")

    [entry] = AuditLogService(demo).page(
        ListQuery(
            filters=(
                ("entity", "activities"),
                ("entity_uuid", ActivityService(demo).get(row.id).uuid),
            )
        )
    )

    assert entry.action == AuditAction.CREATE
    assert entry.entity_id == row.id
    changed = {change.column for change in entry.changes}
    assert {"start_date", "venue", "participants"} <= changed


def test_the_audit_entry_of_an_imported_activity_holds_what_the_form_audits(
    demo: Database, tmp_path: Path
) -> None:
    """Entry for entry, the same values as ``ActivityService`` audits on saving the form,
    whether SQLite or the service writes them: titles in every script, text that JSON must
    escape, an empty municipality, no breakdown, and a breakdown of three lines."""
    header = (SAMPLES / "activities.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    hostile = 'Trajnim "x" \\ \\n\ttab – 😀 <b>&amp;</b>'
    rows = [
        header.split(";"),
        *csv.reader((SAMPLES / "activities.csv").read_text(encoding="utf-8-sig").splitlines()[1:],
                    delimiter=";"),
        ["CSK-2025-01", "Training", hostile, "", "Обука", "", "01.06.2026", "", "", "",
         "Roma", "", "", "", "", "Line one\nline two"],
        ["CSK-2025-01", "Training", "No one counted", "", "", "", "02.06.2026", "", "", "",
         "", "", "", "", "", ""],
    ]  # fmt: skip
    with demo.transaction() as session:
        last = session.scalar(select(func.max(AuditEntry.id))) or 0

    assert run(demo, write_csv(tmp_path / "a.csv", rows)).errors == ()

    with demo.transaction() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last, AuditEntry.entity == "activities")
        ).all()
        assert len(entries) == 5
        for entry in entries:
            activity = session.get(Activity, entry.entity_id)
            assert entry.action == AuditAction.CREATE and entry.entity_uuid == activity.uuid
            assert entry.changes == ActivityService(demo)._state(activity)
        titles = {entry.changes["name_en"]: entry.changes for entry in entries}
    assert len(titles["Police and community meeting in Zvečan"]["participants"]) == 3
    assert titles["No one counted"]["participants"] == []
    assert titles[hostile]["description"] == "Line one\nline two"


def test_cancelling_while_saving_saves_nothing(demo: Database, tmp_path: Path) -> None:
    before = ActivityService(demo).count(ListQuery(include_archived=True))
    rows = [ALBANIAN] + [[*ROWS[0][:2], f"Takimi {number}", *ROWS[0][3:]] for number in range(250)]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    importer = ActivityImport(demo)

    with pytest.raises(ImportCancelled):
        importer.run(table, importer.guess(table), lambda done, total: done < 300)

    assert ActivityService(demo).count(ListQuery(include_archived=True)) == before


def test_the_required_columns_must_be_chosen(demo: Database, tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "a.csv", [["Title", "Notes"], ["x", "y"]]))

    with pytest.raises(ServiceError, match="Project, Type, Start"):
        ActivityImport(demo).run(table, ActivityImport(demo).guess(table))


def test_a_viewer_cannot_import(demo: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [ALBANIAN, ROWS[0]])
    before = ActivityService(demo).count(ListQuery())

    with pytest.raises(PermissionDenied):
        run(demo, path, Actor("vera", Role.VIEWER))

    assert ActivityService(demo).count(ListQuery()) == before


SAMPLES = Path(__file__).parents[2] / "docs" / "import-samples"


@pytest.mark.parametrize("name", ["activities.csv", "activities.xlsx"])
def test_the_documented_sample_imports_as_the_guide_says(demo: Database, name: str) -> None:
    table = read_table(SAMPLES / name)
    importer = ActivityImport(demo)
    mapping = importer.guess(table)

    outcome = importer.run(table, mapping)

    assert None not in mapping.values()  # every column of the layout is recognised
    assert (outcome.imported, outcome.errors) == (3, ())
    [(row, form)] = imported(demo, "Police and community meeting in Zvečan")
    assert (row.women, row.men, row.recorded, row.participants_total) == (6, 9, 16, 16)
    assert form.name_sr == "Састанак полиције и заједнице у Звечану"


def test_run_after_check_saves_what_check_accepted_and_the_same_as_run_alone(
    demo: Database, tmp_path: Path
) -> None:
    """The dialog checks, then runs on the same importer: the run reuses the checked rows
    and stores what a run without a check stores."""
    path = write_csv(tmp_path / "a.csv", [ALBANIAN, *ROWS])
    table = read_table(path)
    importer = ActivityImport(demo)
    mapping = importer.guess(table)
    assert importer.check(table, mapping) == ()
    assert importer.run(table, mapping).imported == 3
    checked_then_run = _imported_forms(demo)
    assert len(checked_then_run) == 3
    with demo.transaction() as session:
        session.execute(delete(Activity).where(Activity.id.in_(checked_then_run)))
    assert run(demo, path).imported == 3
    assert list(_imported_forms(demo).values()) == list(checked_then_run.values())


def test_an_activity_saved_between_check_and_run_is_still_refused_as_a_duplicate(
    demo: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", [ALBANIAN, *ROWS])
    table = read_table(path)
    importer = ActivityImport(demo)
    mapping = importer.guess(table)
    assert importer.check(table, mapping) == ()
    # someone else imports the same log meanwhile
    assert run(demo, path).imported == 3

    outcome = importer.run(table, mapping)

    assert outcome.imported == 0
    assert {error.row for error in outcome.errors} == {2, 3, 4}
    assert "already has an activity" in outcome.errors[0].message


def _imported_forms(db: Database) -> dict[int, object]:
    """The form of each activity the rows of ``ROWS`` imported, by id."""
    service = ActivityService(db)
    with db.transaction() as session:
        ids = session.scalars(
            select(Activity.id).where(Activity.name_sq.in_([row[2] for row in ROWS]))
        ).all()
    return {activity_id: service.get(activity_id).form for activity_id in sorted(ids)}


def test_run_after_a_check_that_found_problems_reports_them_again(
    demo: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", [ALBANIAN, ROWS[0], [*ROWS[1][:3], "31.02.2026"]])
    table = read_table(path)
    importer = ActivityImport(demo)
    mapping = importer.guess(table)
    problems = importer.check(table, mapping)
    assert [error.row for error in problems] == [3]

    outcome = importer.run(table, mapping)

    assert (outcome.imported, outcome.errors) == (0, problems)


def _long_log(count: int) -> list[list[str]]:
    """``count`` good rows of the Albanian log: more than one batch of the writer."""
    return [ALBANIAN] + [
        [*ROWS[0][:2], f"Dëgjim publik {number}", *ROWS[0][3:]] for number in range(count)
    ]


def _everything_counted(db: Database) -> tuple[int, int, int]:
    """Activities, participant lines and audit entries stored, whatever their state."""
    with db.transaction() as session:
        return (
            session.scalar(select(func.count()).select_from(Activity)) or 0,
            session.scalar(select(func.count()).select_from(ParticipantCount)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_a_bad_row_after_many_good_ones_still_saves_nothing(demo: Database, tmp_path: Path) -> None:
    """Rows are stored while the later ones are still checked: a problem at the end undoes
    the batches stored before it, their lines, audit entries and search entries."""
    before = _everything_counted(demo)
    rows = _long_log(1_200)
    rows[1_150] = [*rows[1_150][:3], "31.02.2026", *rows[1_150][4:]]

    outcome = run(demo, write_csv(tmp_path / "a.csv", rows))

    assert outcome.imported == 0
    assert [(error.row, error.column) for error in outcome.errors] == [(1_151, "D: Data")]
    assert _everything_counted(demo) == before
    assert ActivityService(demo).page(ListQuery(search="Dëgjim publik 7")) == []


def test_cancelling_after_batches_were_stored_saves_nothing(demo: Database, tmp_path: Path) -> None:
    before = _everything_counted(demo)
    table = read_table(write_csv(tmp_path / "a.csv", _long_log(1_200)))
    importer = ActivityImport(demo)

    with pytest.raises(ImportCancelled):
        importer.run(table, importer.guess(table), lambda done, total: done < 2_000)

    assert _everything_counted(demo) == before


def test_a_row_the_database_refuses_while_storing_saves_nothing(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """A refusal only the database knows of (here a rule an office's database might hold)
    reaches the import from the writer's thread as the message any refused change gets,
    and nothing is kept."""
    load_demo(sqlite_db)
    with sqlite_db.transaction() as session:
        session.execute(
            text(
                "CREATE TRIGGER no_number_700 BEFORE INSERT ON activities "
                "WHEN new.name_sq = 'Dëgjim publik 700' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the office''s rule'); END"
            )
        )
    before = _everything_counted(sqlite_db)

    with pytest.raises(ServiceError, match="refused"):
        run(sqlite_db, write_csv(tmp_path / "a.csv", _long_log(1_200)))

    assert _everything_counted(sqlite_db) == before
    assert ActivityService(sqlite_db).page(ListQuery(search="Dëgjim publik 1")) == []


def test_the_imported_activities_are_found_by_search_at_once(
    demo: Database, tmp_path: Path
) -> None:
    outcome = run(demo, write_csv(tmp_path / "a.csv", _long_log(1_200)))

    assert outcome == ImportOutcome(1_200, ())
    for number in (0, 499, 500, 1_199):
        assert len(imported(demo, f"Dëgjim publik {number}", "sq")) == 1


def test_the_import_leaves_copying_the_log_into_the_file_to_a_thread(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Path] = []
    copy = log_copy._copy_log
    monkeypatch.setattr(log_copy, "_copy_log", lambda path: (started.append(path), copy(path)))

    outcome = run(demo, write_csv(tmp_path / "log.csv", [ALBANIAN, *ROWS]))
    log_copy.wait_for_log_copies()

    assert outcome.imported == 3
    # SQLite's log is copied once the import's connection is handed back; a server has none
    assert started == ([demo.path] if demo.path is not None else [])
    assert [row.title for row, _form in imported(demo, "Takim me policinë në Zveçan", "sq")] == [
        "Takim me policinë në Zveçan"
    ]
