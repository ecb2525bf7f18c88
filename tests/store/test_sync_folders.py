"""Files in sync folders and on network shares are recognised from where they are, on
Linux (mount table), Windows (UNC paths, mapped drives, OneDrive's variables) and by the
folder names the sync clients create; a local disk is left in peace."""

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from desktop.store.sync_folders import (
    NETWORK,
    SYNC,
    RiskyLocation,
    location_warning,
    risky_location,
)

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
//fileserver/zyra /mnt/zyra cifs rw,vers=3.1.1 0 0
nas:/export/arkiva /srv/arkiva nfs4 rw,relatime 0 0
ana@laptop:/home/ana /home/ana/remote\\040laptop fuse.sshfs rw 0 0
/dev/sdb1 /mnt/zyra/local\\040disk ext4 rw 0 0
"""


def linux(path: str, environ: dict[str, str] | None = None) -> RiskyLocation | None:
    return risky_location(PurePosixPath(path), environ=environ or {}, mounts=MOUNTS, windows=False)


def on_windows(
    path: str, environ: dict[str, str] | None = None, remote_drives: str = ""
) -> RiskyLocation | None:
    return risky_location(
        PureWindowsPath(path),
        environ=environ or {},
        windows=True,
        drive_type=lambda root: 4 if root[0] in remote_drives else 3,
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/ana/csodesk.sqlite3", None),
        ("/tmp/csodesk.sqlite3", None),
        ("/mnt/zyra/csodesk.sqlite3", RiskyLocation(NETWORK, "cifs")),
        ("/srv/arkiva/2026/csodesk.sqlite3", RiskyLocation(NETWORK, "nfs4")),
        ("/home/ana/remote laptop/csodesk.sqlite3", RiskyLocation(NETWORK, "fuse.sshfs")),
        ("/mnt/zyra/local disk/csodesk.sqlite3", None),  # the deeper mount wins
        ("/mnt/zyrafiles/csodesk.sqlite3", None),  # a longer name is not inside /mnt/zyra
        ("/home/ana/Dropbox/CSO/csodesk.sqlite3", RiskyLocation(SYNC, "Dropbox")),
        ("/home/ana/Dropbox (Team)/csodesk.sqlite3", RiskyLocation(SYNC, "Dropbox")),
        ("/home/ana/Nextcloud/csodesk.sqlite3", RiskyLocation(SYNC, "Nextcloud")),
        (
            "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/csodesk.sqlite3",
            RiskyLocation(SYNC, "iCloud Drive"),
        ),
        (
            "/Users/ana/Library/CloudStorage/OneDrive-Personal/CSO/csodesk.sqlite3",
            RiskyLocation(SYNC, "OneDrive"),
        ),
        (
            "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.org/csodesk.sqlite3",
            RiskyLocation(SYNC, "Google Drive"),
        ),
        ("/Users/ana/Library/CloudStorage/Box-Box/csodesk.sqlite3", RiskyLocation(SYNC, "Box")),
        ("/Users/ana/Library/CloudStorage.sqlite3", None),
        ("/home/ana/dropbox-notes.txt/csodesk.sqlite3", None),
        ("/home/ana/Documents/Dropbox.sqlite3", None),  # only folders count, not the file
    ],
)
def test_linux_and_mac_paths(path: str, expected: RiskyLocation | None) -> None:
    assert linux(path) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"C:\Users\Ana\Documents\csodesk.sqlite3", None),
        (r"\\fileserver\zyra\csodesk.sqlite3", RiskyLocation(NETWORK, r"\\fileserver\zyra")),
        (r"Z:\csodesk.sqlite3", RiskyLocation(NETWORK, "Z:")),
        (
            r"C:\Users\Ana\OneDrive - Fondacioni\CSO\csodesk.sqlite3",
            RiskyLocation(SYNC, "OneDrive"),
        ),
        (r"G:\My Drive\csodesk.sqlite3", RiskyLocation(SYNC, "Google Drive")),
        (r"C:\Users\Ana\iCloudDrive\csodesk.sqlite3", RiskyLocation(SYNC, "iCloud Drive")),
    ],
)
def test_windows_paths(path: str, expected: RiskyLocation | None) -> None:
    assert on_windows(path, remote_drives="Z") == expected


def test_onedrive_is_found_by_its_variable_whatever_the_folder_is_called() -> None:
    environ = {"OneDriveCommercial": r"C:\Users\Ana\Fondacioni Pune"}
    assert on_windows(r"c:\users\ana\fondacioni pune\csodesk.sqlite3", environ) == RiskyLocation(
        SYNC, "OneDrive"
    )
    assert on_windows(r"C:\Users\Ana\Documents\csodesk.sqlite3", environ) is None


def test_the_warning_names_the_place_and_the_way_out(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Fondacioni"
    warning = location_warning(folder / "csodesk.sqlite3")
    assert warning is not None
    assert "OneDrive" in warning and "PostgreSQL" in warning and "own disk" in warning
    assert location_warning(tmp_path / "csodesk.sqlite3") is None
