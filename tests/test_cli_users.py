"""``csodesk user …`` as an administrator uses it on a laptop or a server: add a user,
who can then sign in; change their password; deactivate them; list who is there.  Every
refusal is one sentence and a non-zero exit, and changes nothing."""

import io
import json
import subprocess
import sys

import pytest

from desktop.cli import main
from desktop.domain.organisation import OrganisationKind
from desktop.domain.user import Role
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.sign_in import SignInRefused, sign_in
from desktop.store.database import Database

PASSWORD = "Gracanica-council-7"
NEW_PASSWORD = "Zvecan-dialogue-2026"


def _run(
    capsys: pytest.CaptureFixture[str], db: Database, *arguments: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        pytest.MonkeyPatch().setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", db.url.render_as_string(hide_password=False), *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _users(capsys: pytest.CaptureFixture[str], db: Database) -> dict[str, dict[str, object]]:
    code, out, _err = _run(capsys, db, "user", "list", "--json")
    assert code == 0
    return {user["username"]: user for user in json.loads(out)}


def test_add_sign_in_change_password_and_deactivate(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    OrganisationService(db).create(
        OrganisationForm(
            name_en="Forum for Civic Initiatives", acronym="FIQ", kind=OrganisationKind.PARTNER_CSO
        )
    )
    code, out, err = _run(
        capsys,
        db,
        "user",
        "add",
        "arta",
        "--role",
        "manager",
        "--full-name",
        "Arta Krasniqi",
        "--organisation",
        "fiq",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert (code, err) == (0, "")
    assert out.strip() == "User arta added as Manager."
    actor = sign_in(db, "arta", PASSWORD)
    assert actor.role == Role.MANAGER and actor.organisation_id is not None
    assert _users(capsys, db)["arta"] == {
        "username": "arta",
        "full_name": "Arta Krasniqi",
        "role": "manager",
        "organisation": "Forum for Civic Initiatives",
        "active": True,
        "has_password": True,
    }

    typed = iter([NEW_PASSWORD, NEW_PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(typed))
    code, _out, err = _run(capsys, db, "user", "passwd", "ARTA")
    assert code == 1
    assert err.strip() == "csodesk: The two passwords differ; nothing was changed."
    sign_in(db, "arta", PASSWORD)  # still the old one

    typed = iter([NEW_PASSWORD, NEW_PASSWORD])
    code, out, _err = _run(capsys, db, "user", "passwd", "arta")
    assert code == 0 and out.strip() == "The password of arta was set."
    assert sign_in(db, "arta", NEW_PASSWORD).user_id == actor.user_id
    with pytest.raises(SignInRefused):
        sign_in(db, "arta", PASSWORD)

    code, out, _err = _run(capsys, db, "user", "deactivate", "arta")
    assert code == 0 and out.strip() == "arta can no longer sign in."
    with pytest.raises(SignInRefused, match="deactivated"):
        sign_in(db, "arta", NEW_PASSWORD)
    assert _users(capsys, db)["arta"]["active"] is False

    code, _out, _err = _run(capsys, db, "user", "activate", "arta")
    assert code == 0
    assert sign_in(db, "arta", NEW_PASSWORD).user_id == actor.user_id


def test_the_table_names_roles_and_passwords_in_words(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, db, "user", "add", "vera", "--role", "viewer", "--no-password")
    code, out, _err = _run(capsys, db, "user", "list")
    header, row = out.splitlines()
    assert code == 0
    assert header.split() == [
        "User",
        "name",
        "Full",
        "name",
        "Role",
        "Organisation",
        "Active",
        "Password",
    ]
    assert row.split() == ["vera", "vera", "Viewer", "—", "lead", "office", "—", "Yes", "None"]


@pytest.mark.parametrize(
    ("arguments", "stdin", "message"),
    [
        (["--role", "boss"], PASSWORD, "“boss” is not a role"),
        (["--role", "staff"], "short", "password: Use at least 10 characters."),
        (["--role", "staff", "--organisation", "nobody"], PASSWORD, "There is no organisation"),
        (["--role", "staff", "--language", "de"], PASSWORD, "“de” is not a language"),
        (["--role", "staff"], "", "Standard input held no password."),
    ],
)
def test_a_refused_add_says_why_and_adds_nobody(
    db: Database,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    stdin: str,
    message: str,
) -> None:
    code, out, err = _run(
        capsys,
        db,
        "user",
        "add",
        "milos",
        *arguments,
        "--password-stdin",
        stdin=stdin + "\n" if stdin else "",
    )
    assert code == 1 and out == ""
    assert message in err and err.startswith("csodesk: ") and len(err.splitlines()) == 1
    assert "milos" not in _users(capsys, db)


def test_an_unknown_user_and_the_last_administrator_are_refused(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, db, "user", "deactivate", "nobody")
    assert code == 1 and err.strip() == "csodesk: There is no user nobody."
    _run(capsys, db, "user", "add", "drita", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    code, _out, err = _run(capsys, db, "user", "deactivate", "drita")
    assert code == 1 and "last active administrator" in err
    assert _users(capsys, db)["drita"]["active"] is True


def test_help_lists_the_user_actions_without_loading_the_database_layer() -> None:
    script = (
        "import sys\n"
        "from desktop.cli import build_parser\n"
        "build_parser()\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "user", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for action in ("list", "add", "passwd", "deactivate", "activate"):
        assert f"    {action}" in result.stdout
