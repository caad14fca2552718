"""The comparison keys of unique names (the `*_key` columns).

Two spellings of one name must get one key, so that the database's unique index
refuses the second: the key is the text under Unicode NFKC and full case folding
(fullwidth ACME and `acme`, `ß` and `ss`, the ligature fi and `fi` become one), with
every decimal digit as its ASCII digit (Arabic-Indic, fullwidth and ASCII 1002), every run of
white space as one space, and the format characters (zero-width spaces and joiners,
soft hyphens) removed. The app computes it on every write and lookup; migration 0007
rebuilt the stored keys with it. A change here needs a migration that rebuilds them
again.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _ascii_digit(char: str) -> str:
    value = unicodedata.decimal(char, None)
    return str(value) if value is not None else char


def identifier_key(value: str) -> str:
    """The key two spellings of one name share."""
    text = unicodedata.normalize("NFKC", value)
    # NFKC, casefold, NFKC: the closure Unicode recommends (NFKC_Casefold without
    # the removal of default-ignorables, done next).
    text = unicodedata.normalize("NFKC", text.casefold())
    text = "".join(_ascii_digit(c) for c in text if unicodedata.category(c) != "Cf")
    return _SPACES.sub(" ", text).strip()
