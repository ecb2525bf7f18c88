"""``csodesk --self-test`` as an office (or the installer's test) runs it: in its own process,
under a throwaway home, printing one line per check; a broken installation (its fonts
missing) exits non-zero naming what failed; nothing is left in the user's folders.  And the
PDF reading it relies on: a report's fonts are all embedded, reportlab's Helvetica is not.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from desktop.reports.embedded_fonts import UnreadablePdf, fonts_not_embedded
from desktop.resources import RESOURCES
from desktop.services.grants import GrantService
from desktop.services.report_formats import write_report
from desktop.store.database import Database
from desktop.store.demo import load_demo

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 180
LANGUAGES = ("Shqip", "Српски", "Srpski (latinica)", "English")
CHECKS = [
    "Translation catalogs",
    "Temporary database created and migrated",
    "Demonstration data loaded",
    "Main window shows its first rows (offscreen)",
    *(
        check
        for language in LANGUAGES
        for check in (
            f"Quarterly report in {language}",
            f"Fonts embedded in the {language} report",
        )
    ),
    "IATI file of the demonstration office, valid against the IATI 2.03 schema",
    "Grant workbook written and read back (XLSX)",
]


def _self_test(home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m desktop --self-test`` under ``home``, with a platform that has no screen
    to show a window on (the self-test must go offscreen by itself)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CSODESK_", "LC_", "LANG", "XDG_", "DISPLAY", "WAYLAND_"))
    }
    environment.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        TMPDIR=str(home / "tmp"),
        QT_QPA_PLATFORM="xcb",
        CSODESK_LANG="en",
        **extra,
    )
    (home / "tmp").mkdir(parents=True)
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        env=environment,
    )


def _lines(output: str) -> dict[str, str]:
    """Each check's name and what followed it (``ok`` or ``FAILED: why``)."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        name, _colon, result = line.partition(": ")
        if name in CHECKS:
            found[name] = result
    return found


def test_the_self_test_passes_every_check_and_leaves_nothing_behind(tmp_path: Path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _lines(result.stdout) == dict.fromkeys(CHECKS, "ok")
    assert result.stdout.splitlines()[-1] == "Self-test passed: all 14 checks passed."
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "config").exists()  # no settings, not even the window's size
    assert not (tmp_path / "data").exists()  # no database, no backups
    assert list((tmp_path / "tmp").iterdir()) == []  # its temporary folder is gone


def test_an_installation_without_its_fonts_fails_naming_the_reports(tmp_path: Path) -> None:
    """The resources as a bundle without its fonts folder's files would have them."""
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    for name in ("i18n", "data", "icons"):
        (resources / name).symlink_to(RESOURCES / name)
    result = _self_test(tmp_path / "home", CSODESK_RESOURCES=str(resources))
    assert result.returncode == 1
    lines = _lines(result.stdout)
    assert set(lines) == set(CHECKS)  # every check is reported, the failed ones too
    for language in LANGUAGES:
        report = lines[f"Quarterly report in {language}"]
        assert report.startswith("FAILED: ") and "report fonts missing" in report
        assert lines[f"Fonts embedded in the {language} report"] == (
            f"FAILED: not run, because “Quarterly report in {language}” failed"
        )
    assert lines["Main window shows its first rows (offscreen)"] == "ok"
    assert result.stdout.splitlines()[-1] == "Self-test failed: 8 checks of 14 failed."
    assert "Traceback" not in result.stderr


def test_every_font_of_a_report_is_an_embedded_subset(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db)
    grants = GrantService(sqlite_db)
    grant_id = grants.find("2025/461-198")
    period_id = grants.find_period(grant_id, "2026-Q1")
    target = tmp_path / "report.pdf"
    write_report(sqlite_db, "quarterly", grant_id, period_id, "sr", target)
    assert fonts_not_embedded(target.read_bytes()) == []


def test_reportlabs_helvetica_is_named_as_not_embedded() -> None:
    pdf = io.BytesIO()
    page = canvas.Canvas(pdf)
    page.drawString(72, 72, "Raporti tremujor")
    page.save()
    assert fonts_not_embedded(pdf.getvalue()) == ["Helvetica (subtype Type1, not TrueType)"]


def test_a_file_that_is_no_pdf_is_refused() -> None:
    with pytest.raises(UnreadablePdf):
        fonts_not_embedded(b"minutes of the MCSC meeting")
