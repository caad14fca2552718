"""Global IDs: only the canonical spelling resolves; nothing decodes to an error."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gql.domain import ids


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def test_an_id_round_trips() -> None:
    assert ids.decode(ids.encode("Customer", 2)) == ("Customer", 2)
    assert ids.decode_as(ids.encode("Customer", 2), "Customer") == 2
    assert ids.decode_as(ids.encode("Customer", 2), "Edge") is None


@pytest.mark.parametrize(
    "other_spelling",
    [
        _b64("Customer:\u00b2".encode()),  # a superscript two (used to be an internal error)
        _b64(b"Customer:02"),
        _b64("Customer:\u0662".encode()),  # an Arabic-Indic two
        _b64(b"Customer:+2"),
        _b64(b"Customer: 2"),
        _b64(b"Customer:2\x00"),
        _b64(b"Customer:2") + "==",
        _b64(b"Customer:2").rstrip("="),
        base64.b64encode(b"Customer:2").decode() + " ",
        "Q3VzdG9tZXI6Mg",
    ],
)
def test_only_the_canonical_spelling_resolves(other_spelling) -> None:
    assert ids.decode(other_spelling) is None


@settings(max_examples=500)
@given(st.text())
def test_any_text_decodes_to_an_id_or_none(text) -> None:
    decoded = ids.decode(text)
    assert decoded is None or ids.encode(*decoded) == text


@settings(max_examples=300)
@given(st.binary(max_size=60))
def test_any_base64_decodes_to_its_canonical_id_or_none(raw) -> None:
    text = _b64(raw)
    decoded = ids.decode(text)
    assert decoded is None or ids.encode(*decoded) == text


@given(st.sampled_from(["Customer", "User", "Edge"]), st.integers(0, 10**18 - 1))
def test_every_id_we_give_out_resolves(type_name, pk) -> None:
    assert ids.decode(ids.encode(type_name, pk)) == (type_name, pk)
