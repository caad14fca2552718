"""Domain names under IDNA 2008, kept in their Unicode form."""

from __future__ import annotations

import pytest

from gql.domain.validation import domain_name


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("acme.example", "acme.example"),
        ("ACME.Example.", "acme.example"),
        ("fa\u00df.de", "fa\u00df.de"),  # IDNA 2003 made it fass.de, another domain
        ("xn--fa-hia.de", "fa\u00df.de"),
        ("xn--bcher-kva.example", "b\u00fccher.example"),
        ("\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com", "example.com"),  # fullwidth
    ],
)
def test_valid_domains_are_kept_as_u_labels(given, kept) -> None:
    assert domain_name(given) == kept


@pytest.mark.parametrize(
    "given",
    ["\u2603.example", "exa_mple.com", "a..example", "localhost", "x.y", "1.2.3.4", "xn--abc.com"],
)
def test_what_idna_2008_refuses_is_no_domain(given) -> None:
    assert domain_name(given) is None
