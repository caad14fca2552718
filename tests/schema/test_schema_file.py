"""`schema.graphql` is the SDL of the running schema, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gql.schema.build import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema.as_str() + "\n", (
        "schema.graphql is stale: run `portal export-schema > schema.graphql`"
    )


def test_export_schema_command_prints_the_file() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from gql.cli import main; main(['export-schema'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_every_type_and_field_is_described() -> None:
    missing = []
    for type_ in schema._schema.type_map.values():
        if type_.name.startswith("__") or type_.name in {"String", "Boolean", "Int", "Float", "ID"}:
            continue
        if not type_.description:
            missing.append(type_.name)
        for name, field in getattr(type_, "fields", {}).items():
            if not field.description:
                missing.append(f"{type_.name}.{name}")
    assert missing == []
