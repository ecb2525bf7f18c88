"""The command line as a script would use it: keys to pass on, reports written, and one
clear sentence with a non-zero exit for every bad input.
"""

import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import desktop
from desktop.cli import build_parser, main
from desktop.i18n.translit import contains_cyrillic
from desktop.store.database import Database

GRANT = "2025/461-198"


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("demo") / "office.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    yield str(path)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("demo", "list", "report", "db", "i18n"):
        assert f"    {command} " in result.stdout


def test_version_is_the_one_pyproject_gives() -> None:
    """pyproject.toml is where the version is written; ``--version`` reads it when asked."""
    with (Path(__file__).resolve().parents[1] / "pyproject.toml").open("rb") as handle:
        expected = tomllib.load(handle)["project"]["version"]
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout == f"CSO Desk {expected}\n"
    assert desktop.version() == desktop.__version__ == expected


def test_every_command_has_its_arguments_whichever_command_runs() -> None:
    """The parser gets only the named command's arguments; alone or among all, each
    command's help is the same."""
    for command in ("demo", "list", "report", "db", "user", "i18n"):
        alone = build_parser({command})._subparsers._group_actions[0].choices[command]
        among_all = build_parser()._subparsers._group_actions[0].choices[command]
        assert alone.format_help() == among_all.format_help()
        assert "--help" in alone.format_help()


def test_demo_then_list_keys_as_json(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = db.url.render_as_string(hide_password=False)
    db.close()
    assert _run(capsys, "--db", url, "demo")[0] == 0
    code, out, _err = _run(capsys, "--db", url, "list", "projects", "--json")
    projects = json.loads(out)
    assert code == 0 and len(projects) >= 3
    assert all(project["key"] for project in projects)
    grants = json.loads(_run(capsys, "--db", url, "list", "grants", "--json")[1])
    assert GRANT in {grant["key"] for grant in grants}
    periods = json.loads(
        _run(capsys, "--db", url, "list", "periods", "--grant", GRANT, "--json")[1]
    )
    assert [period["key"] for period in periods][:2] == ["2026-Q1", "2026-Q2"]
    assert {period["grant"] for period in periods} == {GRANT}
    organisations = json.loads(_run(capsys, "--db", url, "list", "organisations", "--json")[1])
    assert len({organisation["key"] for organisation in organisations}) == len(organisations)


def test_demo_refuses_a_database_with_data(
    demo_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "--db", demo_file, "demo")
    assert code == 1
    assert demo_file in err and "Traceback" not in err
    assert _run(capsys, "--db", demo_file, "demo", "--if-empty")[0] == 0


def test_plain_listing_has_a_header_and_a_row_per_grant(
    demo_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(capsys, "--db", demo_file, "--lang", "en", "list", "grants")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("Contract number")
    assert any(line.startswith(GRANT) for line in lines[1:])


@pytest.mark.parametrize(
    ("language", "spellings"),
    [
        ("sq", ["Prishtinë"]),
        ("sr", ["Приштина"]),
        ("sr_Latn", ["Priština"]),
        ("en", ["Prishtinë/Priština"]),
    ],
)
def test_quarterly_report_in_each_language(
    demo_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    spellings: list[str],
) -> None:
    output = tmp_path / f"q1-{language}.pdf"
    code, out, err = _run(
        capsys,
        "--db",
        demo_file,
        "report",
        "quarterly",
        "--grant",
        GRANT,
        "--period",
        "2026-Q1",
        "--lang",
        language,
        "-o",
        str(output),
    )
    assert code == 0, err
    assert str(output) in out
    text = _pdf_text(output)
    assert GRANT in text
    for spelling in spellings:
        assert spelling in text
    if language in {"sq", "sr_Latn", "en"}:
        assert not contains_cyrillic(text)


def test_a_period_can_be_named_by_its_dates(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "q1.pdf"
    code, _out, err = _run(
        capsys,
        "--db",
        demo_file,
        "report",
        "quarterly",
        "--grant",
        GRANT,
        "--period",
        "2026-01-01..2026-03-31",
        "-o",
        str(output),
    )
    assert code == 0, err
    assert output.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--grant", "1999/000-000", "--period", "2026-Q1"], "1999/000-000"),
        (["--grant", GRANT, "--period", "2031-Q3"], "2031-Q3"),
        (["--grant", GRANT, "--period", "2026-Q1", "--lang", "de"], "de"),
    ],
)
def test_bad_report_arguments_are_named(
    demo_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    named: str,
) -> None:
    output = tmp_path / "report.pdf"
    code, _out, err = _run(
        capsys, "--db", demo_file, "report", "quarterly", *arguments, "-o", str(output)
    )
    assert code == 1
    assert named in err and "Traceback" not in err
    assert not output.exists()


def test_a_missing_output_folder_is_named(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "no" / "such"
    code, _out, err = _run(
        capsys,
        "--db",
        demo_file,
        "report",
        "quarterly",
        "--grant",
        GRANT,
        "--period",
        "2026-Q1",
        "-o",
        str(folder / "q1.pdf"),
    )
    assert code == 1 and str(folder) in err


@pytest.mark.parametrize("address", ["mysql://root@localhost/csodesk", "postgresql://"])
def test_a_malformed_database_address_is_one_sentence(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "--db", address, "list", "projects")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and address in err


def test_messages_follow_the_interface_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("shopping list")
    _code, _out, english = _run(capsys, "--db", str(not_a_database), "list", "projects")
    _code, _out, albanian = _run(
        capsys, "--lang", "sq", "--db", str(not_a_database), "list", "projects"
    )
    assert str(not_a_database) in albanian
    assert albanian != english


def test_db_check_and_backup(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "--db", demo_file, "db", "check")[0] == 0
    copy = tmp_path / "copy.sqlite3"
    assert _run(capsys, "--db", demo_file, "db", "backup", str(copy))[0] == 0
    code, out, _err = _run(capsys, "--db", str(copy), "list", "grants", "--json")
    assert code == 0 and GRANT in out
    assert _run(capsys, "--db", demo_file, "db", "backup", str(copy))[0] == 1
