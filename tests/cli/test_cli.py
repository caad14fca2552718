"""The `portal` command, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def portal(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "import sys; from gql.cli import main; main(sys.argv[1:])", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def _env() -> dict[str, str]:
    # The project stays importable from a working directory elsewhere.
    root = str(Path(__file__).resolve().parents[2])
    return {"PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}


def test_migrate_creates_the_default_sqlite_file_then_finds_nothing_to_do(workdir: Path) -> None:
    first = portal("migrate", cwd=workdir, env=_env())
    assert first.returncode == 0, first.stderr
    assert "applied migration models.0001_initial" in first.stdout + first.stderr
    assert (workdir / "portal.sqlite3").exists()
    second = portal("migrate", cwd=workdir, env=_env())
    assert second.returncode == 0, second.stderr
    assert "Database is up to date." in second.stdout + second.stderr


def test_seed_demo_on_an_empty_database(workdir: Path) -> None:
    result = portal("seed-demo", cwd=workdir, env=_env())
    assert result.returncode == 0, result.stderr
    assert "operator@orchestrator.example" in result.stdout
    again = portal("seed-demo", cwd=workdir, env=_env())
    assert again.returncode == 1
    assert "fills an empty database only" in again.stderr


def test_serve_refuses_several_workers_on_sqlite(workdir: Path) -> None:
    result = portal("serve", "--workers", "2", cwd=workdir, env=_env())
    assert result.returncode == 2
    assert "several workers need PostgreSQL" in result.stderr


def test_bad_configuration_is_a_one_line_error(workdir: Path) -> None:
    result = portal("migrate", cwd=workdir, env={**_env(), "PORTAL_LOG_FORMAT": "xml"})
    assert result.returncode == 2
    assert result.stderr.strip() == "portal: PORTAL_LOG_FORMAT must be one of text, json, not 'xml'"
    assert "Traceback" not in result.stderr


def _create_operator(workdir: Path, username: str, password: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(_env())
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from gql.cli import main; main(sys.argv[1:])",
            "create-operator",
            "--username",
            username,
            "--password-stdin",
        ],
        cwd=workdir,
        env=full_env,
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_create_operator_is_idempotent_and_applies_the_policy(workdir: Path) -> None:
    first = _create_operator(workdir, "ops@vendor.example", "umbrella-quarry-lantern-94-fjord")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Operator superuser ops@vendor.example created."
    again = _create_operator(workdir, "OPS@vendor.example", "umbrella-quarry-lantern-94-fjord")
    assert again.returncode == 0, again.stderr
    assert "already exists" in again.stdout
    weak = _create_operator(workdir, "other@vendor.example", "short")
    assert weak.returncode == 1
    assert "password: Use at least 15 characters" in weak.stderr
    assert "short" not in weak.stdout
