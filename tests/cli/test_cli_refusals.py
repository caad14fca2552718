"""What `portal` says when it cannot start: one line naming the cause, never a
traceback, never the database password; and JSON on every line when asked."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.factories import run_portal


def _one_line(result) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", ["migrate", "serve"])
def test_an_unreachable_postgresql(tmp_path: Path, command: str) -> None:
    url = f"postgres://portal:hunter2-secret@127.0.0.1:{_closed_port()}/portal"
    line = _one_line(run_portal(command, cwd=tmp_path, env={"DATABASE_URL": url}))
    assert line.startswith(f"portal {command}: cannot use the database at DATABASE_URL=")
    assert "portal:***@127.0.0.1" in line
    assert "hunter2" not in line


def test_a_missing_database(tmp_path: Path) -> None:
    from tests.conftest import TEST_DATABASE_URL

    if not TEST_DATABASE_URL:
        pytest.skip("needs a PostgreSQL server; the PostgreSQL run covers it")
    url = TEST_DATABASE_URL.rsplit("/", 1)[0] + "/portal_no_such_database"
    line = _one_line(run_portal("migrate", cwd=tmp_path, env={"DATABASE_URL": url}))
    assert line.endswith('database "portal_no_such_database" does not exist')


def test_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_portal(
            "serve",
            "--port",
            str(port),
            cwd=tmp_path,
            env={"DATABASE_URL": f"sqlite://{tmp_path / 'p.sqlite3'}"},
        )
    line = _one_line(result)
    assert line == f"portal serve: port {port} on 127.0.0.1 is in use; choose another with --port"


def test_migrations_log_json_lines_when_asked(tmp_path: Path) -> None:
    result = run_portal(
        "migrate",
        cwd=tmp_path,
        env={"DATABASE_URL": "sqlite://db.sqlite3", "PORTAL_LOG_FORMAT": "json"},
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line is JSON
    assert entries[-1]["message"].startswith("Applied ")
    assert any(e["message"] == "applied migration models.0001_initial" for e in entries)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot read it (No such file or directory)"),
        ("[1]", "must be a JSON object of sha256 hash to GraphQL document"),
        (
            '{"abc": "{ apiVersion }"}',
            "the key 'abc' is not a sha256 hash (64 hexadecimal digits); "
            "generate the manifest with sha256",
        ),
    ],
)
def test_a_bad_trusted_documents_file(tmp_path: Path, content: str | None, reason: str) -> None:
    manifest = tmp_path / "persisted-documents.json"
    if content is not None:
        manifest.write_text(content)
    result = run_portal(
        "serve",
        "--port",
        str(_closed_port()),
        cwd=tmp_path,
        env={
            "DATABASE_URL": f"sqlite://{tmp_path / 'p.sqlite3'}",
            "PORTAL_TRUSTED_DOCUMENTS": str(manifest),
        },
    )
    line = _one_line(result)
    assert line == f"portal serve: PORTAL_TRUSTED_DOCUMENTS={manifest}: {reason}"
    assert not (tmp_path / "p.sqlite3").exists()  # refused before anything else
