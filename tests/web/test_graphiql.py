"""The GraphiQL explorer works on a closed network: every asset comes from this app."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from gql.web.app import GRAPHIQL_DIR

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
# Hosts the stock GraphiQL page loads from; none may appear in what we serve.
CDN_HOSTS = ("unpkg.com", "jsdelivr", "cdnjs", "googleapis", "gstatic", "esm.sh")


async def _page(client: httpx.AsyncClient) -> str:
    response = await client.get("/graphql", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


async def test_browser_get_serves_the_explorer(client: httpx.AsyncClient) -> None:
    page = await _page(client)
    assert '<div id="graphiql"' in page
    assert 'data-endpoint="/graphql"' in page


async def test_page_references_no_external_host(client: httpx.AsyncClient) -> None:
    page = await _page(client)
    refs = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert refs, "the page loads its scripts and styles"
    for ref in refs:
        assert ref.startswith("/graphiql/") or ref.startswith("data:"), ref
    assert "http://" not in page
    assert "https://" not in page


async def test_every_referenced_asset_is_served(client: httpx.AsyncClient) -> None:
    page = await _page(client)
    for ref in re.findall(r'(?:src|href)="(/graphiql/[^"]*)"', page):
        response = await client.get(ref)
        assert response.status_code == 200, ref
        assert len(response.content) > 0, ref


def test_vendored_assets_load_nothing_from_a_cdn() -> None:
    for path in Path(GRAPHIQL_DIR).iterdir():
        if path.suffix in {".js", ".css", ".html"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            # The bundles mention URLs in messages and docs (github.com, w3.org's SVG
            # namespace); none of them is a host that scripts or styles load from.
            for host in re.findall(r"(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})", text):
                assert not any(cdn in host for cdn in CDN_HOSTS), f"{path.name}: {host}"
            # Stylesheets pull nothing remote: every url() is a data: URL.
            if path.suffix == ".css":
                for url in re.findall(r"url\(([^)]*)\)", text):
                    assert url.strip("'\"").startswith("data:"), f"{path.name}: {url[:60]}"
            assert "sourceMappingURL" not in text, f"{path.name} points at a map we do not ship"


def test_vendored_versions_are_recorded() -> None:
    versions = (Path(GRAPHIQL_DIR) / "VERSIONS.md").read_text(encoding="utf-8")
    for name in ("graphiql", "@graphiql/plugin-explorer", "react", "react-dom"):
        assert f"| {name} |" in versions
    assert "MIT" in (Path(GRAPHIQL_DIR) / "LICENSES.txt").read_text(encoding="utf-8")


async def test_json_get_without_a_query_is_not_the_explorer(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "application/json"})
    assert response.status_code == 400
