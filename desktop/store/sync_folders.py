"""Is an SQLite file somewhere that will damage it: a sync folder or a network share?

SQLite's write-ahead log needs shared memory and byte-range locks that only a local disk
gives.  A sync client (OneDrive, Dropbox, Google Drive, iCloud Drive, Nextcloud…) uploads
the database and its ``-wal`` file separately and at different moments, and may put back
an older copy; a network file system (SMB, NFS, SSHFS…) does not keep the locks.  Either
way the file ends up damaged, usually weeks later.  We look only at where the file is, so
the answer comes at once and needs no network; every input can be handed in for tests.
"""

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

from desktop.i18n import _

SYNC = "sync"
NETWORK = "network"
# Folder names the sync clients create (compared in lower case; a name may be followed by
# a space and more, as in "OneDrive - Organisation" or "Dropbox (Team)").
SYNC_FOLDER_PREFIXES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud": "pCloud",
    "box sync": "Box",
    "seafile": "Seafile",
    "mega": "MEGA",
}
# Environment variables that name a sync client's folder (Windows sets the OneDrive ones).
SYNC_ENVIRONMENT = {
    "OneDrive": "OneDrive",
    "OneDriveCommercial": "OneDrive",
    "OneDriveConsumer": "OneDrive",
}
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "afpfs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.glusterfs",
        "fuse.gvfsd-fuse",
        "fuse.onedriver",
        "fuse.google-drive-ocamlfuse",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive
PROC_MOUNTS = Path("/proc/mounts")


@dataclass(frozen=True)
class RiskyLocation:
    kind: str  # SYNC or NETWORK
    name: str  # "OneDrive", "cifs", "\\\\server\\share"…


def risky_location(
    path: Path | PurePath,
    *,
    environ: Mapping[str, str] | None = None,
    mounts: str | None = None,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> RiskyLocation | None:
    """Why ``path`` is no place for an SQLite database, or ``None`` if it is local.

    ``mounts`` is the text of ``/proc/mounts`` (read when not given, on Linux);
    ``windows`` and ``drive_type`` stand in for the running system in tests.
    """
    on_windows = sys.platform == "win32" if windows is None else windows
    pure = PureWindowsPath(path) if on_windows else PurePath(path)
    return _sync_client(pure, os.environ if environ is None else environ, on_windows) or (
        _windows_share(pure, drive_type) if on_windows else _network_mount(pure, mounts)
    )


def location_warning(path: Path) -> str | None:
    """One translated warning for a file in a sync folder or on a network share."""
    found = risky_location(path)
    if found is None:
        return None
    if found.kind == SYNC:
        # L10N: {service} is a product name such as OneDrive or Dropbox
        return _(
            "The database {path} is in a {service} folder, which damages SQLite files "
            "as it syncs them: move it to a folder on this computer's own disk, or use a "
            "shared PostgreSQL server to work together."
        ).format(path=path, service=found.name)
    return _(
        "The database {path} is on a network share ({kind}), where SQLite files get "
        "damaged: move it to a folder on this computer's own disk, or use a shared "
        "PostgreSQL server to work together."
    ).format(path=path, kind=found.name)


def _sync_client(path: PurePath, environ: Mapping[str, str], windows: bool) -> RiskyLocation | None:
    folded = _fold(path, windows)
    for variable, service in SYNC_ENVIRONMENT.items():
        root = environ.get(variable)
        if root and _within(folded, _fold(type(path)(root), windows)):
            return RiskyLocation(SYNC, service)
    folders = path.parts[:-1]
    for number, part in enumerate(folders):
        lowered = part.lower()
        for prefix, service in SYNC_FOLDER_PREFIXES.items():
            if lowered == prefix or lowered.startswith(f"{prefix} "):
                return RiskyLocation(SYNC, service)
        in_cloud_storage = folders[number - 1 : number + 1] == ("Library", "CloudStorage")
        if in_cloud_storage and number + 1 < len(folders):
            return RiskyLocation(SYNC, _cloud_storage_service(folders[number + 1]))
    return None


def _cloud_storage_service(folder: str) -> str:
    """macOS keeps every sync client's folder in ~/Library/CloudStorage, named after the
    client and the account: "OneDrive-Personal", "GoogleDrive-ana@example.org"."""
    client = folder.split("-", 1)[0]
    return SYNC_FOLDER_PREFIXES.get(client.lower(), client)


def _network_mount(path: PurePath, mounts: str | None) -> RiskyLocation | None:
    text = mounts if mounts is not None else _read_mounts()
    best: tuple[int, str] | None = None
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = PurePath(_unescape(fields[1]))
        if _within(path, point) and (best is None or len(point.parts) > best[0]):
            best = (len(point.parts), fields[2])
    if best is not None and best[1].lower() in NETWORK_FILE_SYSTEMS:
        return RiskyLocation(NETWORK, best[1])
    return None


def _windows_share(
    path: PureWindowsPath, drive_type: Callable[[str], int] | None
) -> RiskyLocation | None:
    if path.drive.startswith("\\\\"):
        return RiskyLocation(NETWORK, path.drive)
    if not path.drive:
        return None
    kind_of = drive_type or _windows_drive_type
    if kind_of(path.drive + "\\") == DRIVE_REMOTE:
        return RiskyLocation(NETWORK, path.drive)
    return None


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _read_mounts() -> str:
    try:
        return PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
    except OSError:  # not Linux, or no /proc: macOS sync folders are still found by name
        return ""


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (and tab, newline, \\ alike)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _fold(path: PurePath, windows: bool) -> PurePath:
    return type(path)(str(path).lower()) if windows else path


def _within(path: PurePath, folder: PurePath) -> bool:
    return path.parts[: len(folder.parts)] == folder.parts
