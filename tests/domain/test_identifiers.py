"""Unique names: one key for every spelling, look-alike scripts refused, invisible
characters refused, no-break spaces normalised."""

from __future__ import annotations

import pytest

from gql.domain import identifiers
from gql.domain.problems import Problems
from models.keys import identifier_key

FULLWIDTH = "\uff21\uff23\uff2d\uff25-\uff11\uff10\uff10\uff12"  # ACME-1002, fullwidth
ARABIC_DIGITS = "ACME-\u0661\u0660\u0660\u0662"
CYRILLIC_A = "\u0410CME-1002"  # a Cyrillic capital A, then Latin
GREEK_O = "C\u03bfntoso"  # a Greek omicron among Latin letters


@pytest.mark.parametrize(
    "spelling",
    ["ACME-1002", "acme-1002", FULLWIDTH, ARABIC_DIGITS, " ACME-1002 ", "ACME\u200b-1002"],
)
def test_every_spelling_of_one_account_number_has_one_key(spelling) -> None:
    assert identifier_key(spelling) == "acme-1002"


def test_case_folding_and_compatibility_forms() -> None:
    assert identifier_key("Stra\u00dfe") == identifier_key("STRASSE") == "strasse"
    assert identifier_key("\ufb01rst") == "first"  # the ligature fi
    assert identifier_key("Contoso\u00a0Retail") == identifier_key("contoso  retail")


def _check(value: str) -> tuple[str | None, list]:
    problems = Problems()
    kept = identifiers.identifier(problems, value, "a name", "name", max_length=64)
    return kept, [(code, message) for code, message, _ in problems.items]


@pytest.mark.parametrize("value", [CYRILLIC_A, GREEK_O, "p\u0430ypal"])
def test_latin_mixed_with_cyrillic_or_greek_in_one_word_is_invalid(value) -> None:
    _, problems = _check(value)
    assert len(problems) == 1
    code, message = problems[0]
    assert code == "INVALID"
    assert "mixes Latin and" in message
    assert "look alike" in message


@pytest.mark.parametrize(
    "value",
    [
        "ACME-1002",
        FULLWIDTH,
        ARABIC_DIGITS,
        "\u041e\u041e\u041e \u0420\u043e\u043c\u0430\u0448\u043a\u0430",
        "Acme \u0391\u03b8\u03b7\u03bd\u03b1",
    ],
)
def test_one_script_per_word_is_accepted(value) -> None:
    assert _check(value)[1] == []


def test_no_break_spaces_become_spaces_and_zero_width_ones_are_refused() -> None:
    assert _check("Contoso\u00a0Retail") == ("Contoso Retail", [])
    assert _check("  Contoso \u3000 Retail ") == ("Contoso Retail", [])
    _, problems = _check("Contoso\u200bRetail")
    assert problems[0][0] == "INVALID"
    assert "invisible" in problems[0][1]


def test_fullwidth_is_kept_in_its_nfkc_form_and_blank_is_required() -> None:
    assert _check(FULLWIDTH) == ("ACME-1002", [])
    assert _check(" \u00a0\u3000 ") == (None, [("REQUIRED", "Enter a name.")])


def test_a_key_longer_than_its_column_is_invalid() -> None:
    _, problems = _check("\u00df" * 40)  # 40 characters, an 80-character key
    assert problems == [("INVALID", "Use at most 64 characters (after normalisation).")]
