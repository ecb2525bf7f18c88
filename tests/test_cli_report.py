"""``csodesk report <format>``: every registered format from the command line, the
``--internal`` switch, and one translated sentence for a format, grant or period that does
not exist.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.services.errors import NotFoundError, ValidationError
from desktop.services.grants import GrantService
from desktop.services.report_formats import report_format, report_formats, write_report
from desktop.store.database import Database
from desktop.store.demo import load_demo

GRANT = "2025/461-198"
FORMATS = [report.key for report in report_formats()]


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


def _report(demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str):
    output = tmp_path / "report.pdf"
    result = _run(
        capsys,
        "--db",
        demo_file,
        "report",
        *extra,
        "--grant",
        GRANT,
        "--period",
        "2026-Q1",
        "-o",
        str(output),
    )
    return (*result, output)


@pytest.mark.parametrize("language", ["en", "sr"])
@pytest.mark.parametrize("key", FORMATS)
def test_every_registered_format_prints_from_the_command_line(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, language: str
) -> None:
    code, out, err, output = _report(demo_file, tmp_path, capsys, key, "--lang", language)
    assert code == 0, err
    assert str(output) in out
    reader = PdfReader(output)
    assert GRANT in _pdf_text(output)
    assert reader.outline  # every format has its sections in the bookmarks


def test_the_help_names_the_registered_formats(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # argparse would break "eu-financial" at its hyphen
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert "--internal" in out
    for key in FORMATS:
        assert key in out


def test_an_unknown_format_is_one_sentence_naming_it(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err, output = _report(demo_file, tmp_path, capsys, "annual-accounts")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "annual-accounts" in err and "quarterly" in err and "Traceback" not in err
    assert not output.exists()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--grant", "1999/000-000", "--period", "2026-Q1"], "1999/000-000"),
        (["--grant", GRANT, "--period", "2031-Q3"], "2031-Q3"),
    ],
)
@pytest.mark.parametrize("key", FORMATS)
def test_an_unknown_grant_or_period_is_named_for_every_format(
    demo_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    key: str,
    arguments: list[str],
    named: str,
) -> None:
    output = tmp_path / "report.pdf"
    code, _out, err = _run(
        capsys, "--db", demo_file, "report", key, *arguments, "--internal", "-o", str(output)
    )
    assert code == 1
    assert named in err and len(err.strip().splitlines()) == 1
    assert not output.exists()


def test_internal_reaches_the_report_data(db: Database) -> None:
    load_demo(db)
    grants = GrantService(db)
    grant_id = grants.find(GRANT)
    period_id = grants.find_period(grant_id, "2026-Q1")
    quarterly = report_format("quarterly")
    assert quarterly.build(db, grant_id, period_id, "en", internal=True).internal is True
    assert quarterly.build(db, grant_id, period_id, "en").internal is False


def test_a_report_language_outside_the_four_is_refused_before_anything_is_read(
    sqlite_db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(ValidationError):
        write_report(sqlite_db, "quarterly", 1, 1, "de", folder / "x.pdf")
    with pytest.raises(NotFoundError):
        write_report(sqlite_db, "annual", 1, 1, "en", folder / "x.pdf")
    assert list(folder.iterdir()) == []


def test_writing_a_report_does_not_load_qt(demo_file: str, tmp_path: Path) -> None:
    output = tmp_path / "q1.pdf"
    probe = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"code = main(['--db', {demo_file!r}, 'report', 'quarterly', '--grant', {GRANT!r},"
        f" '--period', '2026-Q1', '-o', {str(output)!r}])\n"
        "assert code == 0, code\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"%PDF")


def test_internal_prints_the_small_counts_an_outside_report_hides(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside_folder, internal_folder = tmp_path / "outside", tmp_path / "internal"
    outside_folder.mkdir()
    internal_folder.mkdir()
    code, _out, err, outside = _report(demo_file, outside_folder, capsys, "quarterly")
    assert code == 0, err
    code, _out, err, internal = _report(
        demo_file, internal_folder, capsys, "quarterly", "--internal"
    )
    assert code == 0, err
    assert "< 5" in _pdf_text(outside)
    assert "< 5" not in _pdf_text(internal)


def test_a_report_is_readable_by_others_as_any_new_document_is(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mask = os.umask(0o022)
    try:
        code, _out, err, output = _report(demo_file, tmp_path, capsys, "quarterly")
    finally:
        os.umask(mask)
    assert code == 0, err
    assert output.stat().st_mode & 0o777 == 0o644
