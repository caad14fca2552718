"""The integrator's guide in docs/ stays whole and in step with the schema: every
error code a mutation can return is explained, and no link leaves the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, build_schema

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


def test_every_error_code_is_explained_with_the_mutations_that_return_it() -> None:
    returned_by: dict[str, set[str]] = {}
    # schema.graphql equals the running schema (another test sees to that).
    sdl = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    for name, type_ in sdl.type_map.items():
        if name.endswith("ErrorCode") and isinstance(type_, GraphQLEnumType):
            mutation = name[0].lower() + name.removesuffix("ErrorCode")[1:]
            for code in type_.values:
                returned_by.setdefault(code, set()).add(mutation)
    assert "createPartnerCustomer" in returned_by["CREATION_DISABLED"]
    section = ERROR_CODES_TABLE.read_text(encoding="utf-8").split("## Every error code")[1]
    section = section.split("\n## ")[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| [^|]+ \| ([^|]+) \|$", section, re.MULTILINE)
    documented = {code: set(re.findall(r"`(\w+)`", mutations)) for code, mutations in rows}
    assert documented == returned_by
