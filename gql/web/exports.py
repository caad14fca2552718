"""GET /export/customers.csv and /export/edges.csv: what the caller may see, as CSV
(UTF-8, RFC 4180, a header row), streamed batch by batch.

A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or
a carriage return) is prefixed with an apostrophe, so an exported company name
cannot run code on the machine of whoever opens the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from gql.db import DatabaseUnavailable, is_unavailable
from gql.domain import exports
from gql.domain.auth import authenticate
from gql.domain.viewer import Viewer

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _lines(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


async def _viewer(request: Request) -> Viewer | None:
    try:
        return await authenticate(request.headers.get("authorization"))
    except Exception as exc:
        if is_unavailable(exc):
            raise DatabaseUnavailable from exc
        raise


def _export(
    columns: list[str],
    rows: Callable[[Viewer], AsyncIterator[list[list[Any]]]],
    filename: str,
) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        viewer = await _viewer(request)
        if viewer is None:
            return JSONResponse(
                {
                    "errors": [
                        {
                            "message": "Log in first: send `Authorization: Bearer <token>`.",
                            "extensions": {"code": "UNAUTHENTICATED"},
                        }
                    ]
                },
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )

        async def body() -> AsyncIterator[str]:
            yield _lines([columns])
            async for batch in rows(viewer):
                yield _lines(batch)

        return StreamingResponse(
            body(),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "Cache-Control": "no-store",
            },
        )

    return endpoint


export_customers = _export(exports.CUSTOMER_COLUMNS, exports.customer_rows, "customers.csv")
export_edges = _export(exports.EDGE_COLUMNS, exports.edge_rows, "edges.csv")
