"""The integrator's guide in docs/ stays whole and in step with the schema: every
error code a mutation can return is explained, and no link leaves the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gql.schema.build import schema

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
LINK = re.compile(r"\]\(([^)\s]+)\)")
ERROR_CODES_TABLE = DOCS / "errors.md"


def _links(page: Path) -> list[str]:
    return LINK.findall(page.read_text(encoding="utf-8"))


def _anchors(page: Path) -> set[str]:
    """The heading anchors a Markdown renderer such as GitHub's makes of the page."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    headings = re.findall(r"^#+ (.+)$", text, re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_guide_has_an_index_that_lists_every_page() -> None:
    index = DOCS / "README.md"
    linked = {target.split("#")[0] for target in _links(index)}
    assert {p.name for p in PAGES if p.name != "README.md"} <= linked


@pytest.mark.parametrize("page", [*PAGES, ROOT / "README.md"], ids=lambda p: p.name)
def test_links_stay_inside_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "shared/" not in text
    for target in _links(page):
        assert "://" not in target, f"{page.name} links outside the repository: {target}"
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.is_relative_to(ROOT), f"{page.name}: {target} leaves the repository"
        assert resolved.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in _anchors(resolved), f"{page.name}: no heading for {target}"


def test_every_error_code_of_the_schema_is_explained() -> None:
    codes = {
        code
        for name, type_ in schema._schema.type_map.items()
        if name.endswith("ErrorCode")
        for code in type_.values  # type: ignore[attr-defined]
    }
    assert "CREATION_DISABLED" in codes
    table = ERROR_CODES_TABLE.read_text(encoding="utf-8")
    explained = set(re.findall(r"^\| `([A-Z_]+)` \|", table, re.MULTILINE))
    assert codes - explained == set()
