"""The Linux bundle, built as an office would receive it: from a clean clone of HEAD (so
nothing untracked in the working tree leaks in) with installer/csodesk.spec and packed by
installer/linux/package.sh, then run and installed under a throwaway home and XDG folders
(so nothing of the developer's machine is read or used).

Slow (a PyInstaller build, about a minute of CPU): run by ``make test-installer``, which
installs PyInstaller (the ``installer`` extra); ``make test`` leaves it out.
"""

import os
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.i18n import LANGUAGES

pytest.importorskip("PyInstaller", reason="PyInstaller is installed by `make test-installer`")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux", reason="Linux")]

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT = 150_000_000  # bytes unpacked (issue 8: ≤ 150 MB)
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 300


@dataclass(frozen=True)
class Bundle:
    source: Path  # the clean clone the bundle was built from, into its dist/ and build/
    home: Path  # the throwaway homes' parent: each run gets its own home below it

    @property
    def folder(self) -> Path:
        return self.source / "dist" / "csodesk"

    @property
    def work(self) -> Path:
        return self.source / "build" / "csodesk"

    @property
    def version(self) -> str:
        project = tomllib.loads((self.source / "pyproject.toml").read_text(encoding="utf-8"))
        return project["project"]["version"]

    @property
    def executable(self) -> Path:
        return self.folder / "csodesk"

    def run(
        self, *arguments: str, home: str, program: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program or self.executable), *arguments],
            env=_throwaway_environment(self.home / home),
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )


def _throwaway_environment(home: Path) -> dict[str, str]:
    """Only a PATH from this machine; home, XDG folders and language of the test's own."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "LANG": "C.UTF-8",
        "CSODESK_LANG": "en",
        "QT_QPA_PLATFORM": "offscreen",
    }


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    base = tmp_path_factory.mktemp("bundle")
    source = base / "source"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(source)],
        check=True,
        timeout=RUN_TIMEOUT_S,
    )
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(source / "dist"),
            "--workpath",
            str(source / "build"),
            str(source / "installer" / "csodesk.spec"),
        ],
        cwd=source,
        env={**_throwaway_environment(base / "build-home"), "CSODESK_LANG": ""},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    yield Bundle(source, base / "homes")


@pytest.fixture(scope="module")
def unpacked(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .tar.gz an office downloads, packed by package.sh and unpacked: its folder."""
    subprocess.run(
        [
            "bash",
            str(bundle.source / "installer" / "linux" / "package.sh"),
            "--no-deb",
            sys.executable,
        ],
        cwd=bundle.source,
        check=True,
        capture_output=True,
        timeout=RUN_TIMEOUT_S,
    )
    name = f"csodesk-{bundle.version}-linux-x86_64"
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(bundle.source / "dist" / f"{name}.tar.gz") as archive:
        archive.extractall(target, filter="tar")
    return target / name


def test_the_bundle_is_built_from_the_clean_clone(bundle: Bundle) -> None:
    archived = (bundle.work / "PYZ-00.toc").read_text(encoding="utf-8")
    assert str(bundle.source / "desktop" / "cli.py") in archived
    assert str(ROOT / "desktop" / "cli.py") not in archived


def test_the_self_test_passes_inside_the_bundle(bundle: Bundle) -> None:
    ran = bundle.run("--self-test", home="self-test")

    assert ran.returncode == 0, ran.stdout + ran.stderr
    lines = ran.stdout.splitlines()
    expected = [
        "Translation catalogs: ok",
        "Temporary database created and migrated: ok",
        "Demonstration data loaded: ok",
        "Main window shows its first rows (offscreen): ok",
    ]
    for language in LANGUAGES:
        expected.append(f"Quarterly report in {language.native_name}: ok")
        expected.append(f"Fonts embedded in the {language.native_name} report: ok")
    expected.append("IATI file of the demonstration office, valid against the IATI 2.03 schema: ok")
    expected.append("Grant workbook written and read back (XLSX): ok")
    assert lines[: len(expected)] == expected
    assert lines[-1] == f"Self-test passed: all {len(expected)} checks passed."


def test_the_bundle_answers_help_and_version(bundle: Bundle) -> None:
    helped = bundle.run("--help", home="help")
    versioned = bundle.run("--version", home="version")

    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: csodesk")
    assert "--self-test" in helped.stdout
    assert versioned.stdout.strip() == f"CSO Desk {bundle.version}"


def test_the_bundle_is_at_most_150_mb_unpacked(bundle: Bundle) -> None:
    size = sum(path.lstat().st_size for path in bundle.folder.rglob("*") if not path.is_dir())
    assert size <= SIZE_LIMIT, f"{size / 1e6:.1f} MB"


def test_install_sh_installs_for_the_user_and_its_uninstall_keeps_their_data(
    bundle: Bundle, unpacked: Path
) -> None:
    home = bundle.home / "install"
    environment = _throwaway_environment(home)
    data = home / ".local" / "share"
    database = data / "CSODesk" / "office.sqlite3"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"the office's data")

    subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=environment, check=True, capture_output=True
    )

    program = home / ".local" / "lib" / "csodesk" / "csodesk"
    command = home / ".local" / "bin" / "csodesk"
    entry = (data / "applications" / "csodesk.desktop").read_text(encoding="utf-8")
    assert command.resolve() == program.resolve()
    assert f"Exec={program}\n" in entry
    assert "Name[sq]=CSO Desk\n" in entry
    assert "Categories=Office;" in entry
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "csodesk.png").is_file()
    ran = bundle.run("--version", home="install", program=command)
    assert ran.stdout.strip() == f"CSO Desk {bundle.version}", ran.stderr

    subprocess.run(
        ["sh", str(unpacked / "install.sh"), "--uninstall"],
        env=environment,
        check=True,
        capture_output=True,
    )

    assert not program.exists()
    assert not command.is_symlink()
    assert not (data / "applications" / "csodesk.desktop").exists()
    assert database.read_bytes() == b"the office's data"
