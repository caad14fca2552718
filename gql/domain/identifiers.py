"""Names that must be unique (usernames, account numbers, company, partner and gateway
pool names): normalised, checked against look-alike spellings, and keyed.

- The value kept is its NFKC form with white space runs as one space (a no-break or
  ideographic space becomes a plain one), trimmed.
- Invisible format characters (zero-width spaces and joiners, soft hyphens,
  direction marks) are refused: they make two names that look the same differ.
- A word that mixes Latin letters with Cyrillic or Greek ones (ACME spelt with a
  Cyrillic A) is refused: the confusables library tells each letter's script.
- Uniqueness is decided on `models.keys.identifier_key` (NFKC and case folding), by
  the database's unique index on the `*_key` column.
"""

from __future__ import annotations

import re
import unicodedata

from confusable_homoglyphs import categories

from gql.domain.problems import Problems
from models.keys import identifier_key

__all__ = ["identifier", "identifier_key", "mixed_script", "normalize"]

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters, digits and marks
_LOOK_ALIKE = {"CYRILLIC": "Cyrillic", "GREEK": "Greek"}


def normalize(value: str) -> str:
    """NFKC, white space runs as one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()


def mixed_script(value: str) -> str | None:
    """The script mixed with Latin letters in one word of `value` ("Cyrillic" or
    "Greek"), or None."""
    for word in _WORD.findall(value):
        if word.isascii():
            continue
        scripts = categories.unique_aliases(word)
        if "LATIN" in scripts:
            for alias, name in _LOOK_ALIKE.items():
                if alias in scripts:
                    return name
    return None


def _invisible(value: str) -> bool:
    return any(unicodedata.category(c) == "Cf" for c in value)


def _control(value: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in value)


def check(problems: Problems, value: str, *path: str, max_length: int) -> bool:
    """Adds the problem of an already normalised, non-blank name; True when none."""
    if len(value) > max_length:
        problems.add("INVALID", f"Use at most {max_length} characters.", *path)
    elif _control(value):
        problems.add("INVALID", "Remove the control characters.", *path)
    elif _invisible(value):
        problems.add(
            "INVALID",
            "Remove the invisible characters (zero-width spaces or joiners, soft hyphens, "
            "direction marks): they make different names look the same.",
            *path,
        )
    elif script := mixed_script(value):
        problems.add(
            "INVALID",
            f"A word mixes Latin and {script} letters, which look alike; write each word "
            "in one script.",
            *path,
        )
    elif len(identifier_key(value)) > max_length:
        problems.add(
            "INVALID", f"Use at most {max_length} characters (after normalisation).", *path
        )
    else:
        return True
    return False


def identifier(
    problems: Problems, value: str | None, label: str, *path: str, max_length: int
) -> str | None:
    """The normalised name, or None with the problem added: REQUIRED when blank,
    INVALID when too long, holding control or invisible characters, or mixing
    look-alike scripts in one word."""
    normalized = normalize(value or "")
    if not normalized:
        problems.add("REQUIRED", f"Enter {label}.", *path)
        return None
    check(problems, normalized, *path, max_length=max_length)
    return normalized
