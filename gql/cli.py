"""The `portal` command."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from tortoise.exceptions import DBConnectionError

from gql.settings import Settings, SettingsError

log = logging.getLogger("portal.cli")


class Refusal(Exception):
    """A reason the command cannot go on, for one line on stderr (exit status 2)."""


def _shown_url(url: str) -> str:
    """DATABASE_URL as it may be shown: without its password."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _migrate(settings: Settings) -> None:
    from gql import db

    try:
        applied = asyncio.run(db.migrate(settings, progress=True))
    except (OSError, asyncpg.PostgresError, DBConnectionError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Refusal(
            f"cannot use the database at DATABASE_URL={_shown_url(settings.database_url)}: {reason}"
        ) from None
    log.info("Database is up to date." if not applied else f"Applied {len(applied)} migration(s).")


def _port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise Refusal(
                    f"port {port} on {host} is in use; choose another with --port"
                ) from None
            raise Refusal(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from gql.web.observability import configure_logging

    configure_logging(settings)
    _migrate(settings)
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from gql.web.observability import configure_logging
    from gql.web.trusted import TrustedDocuments

    if args.workers > 1 and settings.is_sqlite:
        print(
            "portal serve: several workers need PostgreSQL (set DATABASE_URL=postgres://…); "
            "SQLite serves one process.",
            file=sys.stderr,
        )
        return 2
    configure_logging(settings)
    _port_free(args.host, args.port)
    if settings.trusted_documents:  # a file that cannot be used stops here, in one line
        TrustedDocuments.load(settings.trusted_documents)
    _migrate(settings)
    metrics_dir = None
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker is its own process: have them share one metrics directory, so
        # that /metrics answers for all of them whichever worker serves it.
        metrics_dir = tempfile.mkdtemp(prefix="portal-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    shown_host = "localhost" if args.host in ("127.0.0.1", "0.0.0.0") else args.host  # noqa: S104
    log.info("Serving the Partner Portal API at http://%s:%s/graphql", shown_host, args.port)
    try:
        uvicorn.run(
            "gql.web.app:app_factory",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_config=None,
            access_log=False,
            # X-Forwarded-For and -Proto only from PORTAL_TRUSTED_PROXIES (else a
            # client could choose the address that login throttling counts).
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=list(settings.trusted_proxies),
            server_header=False,
        )
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from gql.schema.build import schema

    sys.stdout.write(schema.as_str() + "\n")
    return 0


def cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    from gql import db
    from gql.demo import DemoError, seed_demo

    _migrate(settings)  # its progress lines are for `migrate` and `serve`, which log

    async def run() -> list[str]:
        await db.init_db(settings)
        try:
            return await seed_demo(if_empty=args.if_empty)
        finally:
            await db.close_db()

    try:
        lines = asyncio.run(run())
    except DemoError as exc:
        print(f"portal seed-demo: {exc}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


def cmd_create_operator(args: argparse.Namespace, settings: Settings) -> int:
    from gql import db
    from gql.domain import users
    from gql.domain.problems import Problems
    from models.enums import Role
    from models.identity import User

    if not args.password_stdin:
        print(
            "portal create-operator: pass the password on standard input with --password-stdin",
            file=sys.stderr,
        )
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    _migrate(settings)  # its progress lines are for `migrate` and `serve`, which log

    async def run() -> tuple[str, list[str]]:
        await db.init_db(settings)
        try:
            existing = await User.get_or_none(username_key=users.username_key(args.username))
            if existing is not None:
                if existing.role == Role.OPERATOR_SUPERUSER:
                    return "exists", []
                return "error", ["username: taken by a user who is not the operator superuser"]
            problems = Problems()
            new = users.NewUser(
                role=Role.OPERATOR_SUPERUSER, username=args.username, password=password
            )
            await users.register(new, None, problems)
            if problems:
                return "error", [
                    f"{'.'.join((f or ['input'])[1:])}: {m}" for _, m, f in problems.items
                ]
            return "created", []
        finally:
            await db.close_db()

    outcome, messages = asyncio.run(run())
    if outcome == "error":
        for message in messages:
            print(f"portal create-operator: {message}", file=sys.stderr)
        return 1
    print(
        f"Operator superuser {args.username.strip()} "
        f"{'already exists' if outcome == 'exists' else 'created'}."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="The Partner Portal API. DATABASE_URL selects the database "
        "(default: a SQLite file portal.sqlite3 in the working directory).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="apply pending migrations, then serve the API")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    serve.add_argument(
        "--workers", type=int, default=1, help="server processes (PostgreSQL only when above 1)"
    )
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="apply pending migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("export-schema", help="print the GraphQL SDL").set_defaults(
        func=cmd_export_schema
    )
    operator = sub.add_parser(
        "create-operator", help="create the first operator superuser (idempotent)"
    )
    operator.add_argument("--username", required=True, help="user@domain.com")
    operator.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    operator.set_defaults(func=cmd_create_operator)
    seed = sub.add_parser("seed-demo", help="fill an empty database with demo data")
    seed.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (and succeed) when the database already holds data",
    )
    seed.set_defaults(func=cmd_seed_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    if getattr(args, "workers", 1) < 1:
        print("portal: --workers must be at least 1", file=sys.stderr)
        raise SystemExit(2)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"portal: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    try:
        status = args.func(args, settings)
    except (Refusal, SettingsError) as exc:
        print(f"portal {args.command}: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    raise SystemExit(status)
