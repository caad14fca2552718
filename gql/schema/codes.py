"""Checks, when the schema is built, that no mutation can report a code its enum lacks.

A code missing from a mutation's enum would otherwise surface only at run time, as a
masked internal error in place of the user error. The codes a resolver can report are
read from its source and from every project function it calls, transitively: any
argument of a call that is a known code (`problems.add("IMAGE_IN_USE", …)`,
`PasswordProblem("PASSWORD_TOO_WEAK", …)`); a function handed on rather than called
(to a worker thread) counts as called.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from gql.domain.problems import CODE_DESCRIPTIONS

_PROJECT = ("gql.", "models.")


def reachable_codes(function: Callable) -> set[str]:
    """Every known code that `function` or a project function it calls may report."""
    codes: set[str] = set()
    seen: set[Any] = set()
    pending = [function]
    while pending:
        fn = inspect.unwrap(pending.pop())
        if fn in seen or not inspect.isfunction(fn):
            continue
        if seen and not fn.__module__.startswith(_PROJECT):
            continue  # the resolver itself is read wherever it lives; callees are ours
        seen.add(fn)
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                codes.update(
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and arg.value in CODE_DESCRIPTIONS
                )
            if isinstance(node, ast.Name | ast.Attribute):
                # Called here, or handed on (to a thread, as a callback).
                pending.extend(_callees(node, fn.__globals__))
    return codes


def _callees(node: ast.expr, namespace: dict[str, Any]) -> Iterable[Callable]:
    """The project function a call names (`f(…)`, `module.f(…)`), if it can be told."""
    if isinstance(node, ast.Name):
        target = namespace.get(node.id)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = namespace.get(node.value.id)
        target = getattr(owner, node.attr, None) if isinstance(owner, ModuleType) else None
    else:
        target = None
    return (target,) if inspect.isfunction(target) else ()


def check_mutations(mutation_type: type) -> None:
    """Raises if a mutation can report a code outside its error enum."""
    definition = mutation_type.__strawberry_definition__  # type: ignore[attr-defined]
    for field in definition.fields:
        enums = list(_error_enums(field.type))
        declared = {member.value for enum in enums for member in enum}
        missing = reachable_codes(field.base_resolver.wrapped_func) - declared
        if missing:
            raise TypeError(
                f"{field.graphql_name or field.python_name} can report {sorted(missing)}, "
                f"which {' and '.join(e.__name__ for e in enums)} lack"
            )


def _error_enums(payload_type: Any, depth: int = 0) -> Iterable[type]:
    """The code enums of the error lists in a payload, and in the objects it lists (the
    per-row results of a bulk mutation)."""
    for field in payload_type.__strawberry_definition__.fields:
        inner = getattr(field.type, "of_type", field.type)
        inner = getattr(inner, "of_type", inner)  # a list of optional items
        if hasattr(inner, "codes"):
            yield inner.codes
        elif (
            depth == 0 and hasattr(inner, "__strawberry_definition__") and field.name != "customer"
        ):
            yield from _error_enums(inner, depth + 1)
