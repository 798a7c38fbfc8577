"""Canonical bytes (RFC 8785) and untrusted-JSON parsing."""

from __future__ import annotations

import json

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_client.encoding import (
    MAX_DEPTH,
    MAX_SAFE_INT,
    b64url,
    canonical,
    check_domain,
    from_b64url,
    from_hex,
    is_hex,
    parse_json,
)
from ledger_client.errors import MalformedError

# Every code point except surrogates: BMP, astral (non-BMP) and control characters alike.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
ASCII_KEYS = st.text(st.characters(max_codepoint=127), max_size=8)
SCALARS = st.none() | st.booleans() | st.integers(-MAX_SAFE_INT, MAX_SAFE_INT) | TEXT
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(ASCII_KEYS, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400)
@given(DOCUMENTS)
def test_canonical_is_rfc8785_for_every_accepted_document(doc):
    check_domain(doc)
    assert canonical(doc) == rfc8785.dumps(doc)


@given(DOCUMENTS)
def test_parse_json_round_trips_canonical_bytes(doc):
    assert parse_json(canonical(doc)) == doc
    assert canonical(parse_json(json.dumps(doc, indent=2, ensure_ascii=True))) == canonical(doc)


@given(st.dictionaries(ASCII_KEYS, SCALARS, min_size=2, max_size=6))
def test_key_order_of_the_input_does_not_matter(doc):
    reordered = dict(reversed(list(doc.items())))
    assert canonical(reordered) == canonical(doc)


@pytest.mark.parametrize("text", ["\u2028\u2029", "\x7f", "\x00\x1f\b\f\n\r\t", 'q"\\/', "😀𝄞", "é" * 3])
def test_string_escapes_match_rfc8785(text):
    assert canonical({"k": text}) == rfc8785.dumps({"k": text})


@pytest.mark.parametrize("value, message", [
    (1.5, "unsupported JSON value of type float"),
    (float("nan"), "float"),
    (MAX_SAFE_INT + 1, "integer out of range"),
    (-MAX_SAFE_INT - 1, "integer out of range"),
    ({"é": 1}, "object keys must be ASCII"),
    ({1: 1}, "object keys must be ASCII"),
    ("\ud800", "unpaired surrogate"),
    (["ok", {"k": "\udfff"}], "unpaired surrogate"),
    ((1, 2), "tuple"),
    (b"bytes", "bytes"),
    ({1, 2}, "set"),
])
def test_check_domain_refuses(value, message):
    with pytest.raises(MalformedError, match=message):
        check_domain(value)


def test_check_domain_limits_nesting():
    doc: list = []
    for _ in range(MAX_DEPTH):
        doc = [doc]
    check_domain(doc)
    with pytest.raises(MalformedError, match="nested too deeply"):
        check_domain([doc])


@pytest.mark.parametrize("data, message", [
    (b'{"a":1,"a":2}', "duplicate key 'a'"),
    (b'{"x":{"b":1,"b":1}}', "duplicate key 'b'"),
    (b'{"a":1.0}', "fractional numbers"),
    (b'[1e3]', "fractional numbers"),
    (b'[-0.0]', "fractional numbers"),
    (b'[NaN]', "NaN is not allowed"),
    (b'[Infinity]', "Infinity is not allowed"),
    (b'[-Infinity]', "-Infinity is not allowed"),
    (b'["\\ud800"]', "unpaired surrogate"),
    (b'{"k":"\\udc00x"}', "unpaired surrogate"),
    (b'[9007199254740992]', "integer out of range"),
    (b'{"\\u00e9":1}', "object keys must be ASCII"),
    (b'{"a":', "not valid JSON"),
    (b'', "not valid JSON"),
    (b'\xff\xfe{}', "not valid JSON"),
    (b'{"a":"\xc3"}', "not valid JSON"),
    (b'[' * 100_000, "not valid JSON|nested too deeply"),
    (b'[' * 20 + b']' * 20, "nested too deeply"),
    (b'1' * 5000, "not valid JSON"),
])
def test_parse_json_refuses(data, message):
    with pytest.raises(MalformedError, match=message):
        parse_json(data)


def test_parse_json_accepts_the_surrogate_pair_of_an_astral_character():
    assert parse_json(b'["\\ud83d\\ude00"]') == ["😀"]


def test_parse_json_size_limit():
    parse_json(b"[1]", max_bytes=3)
    with pytest.raises(MalformedError, match="larger than 3 bytes"):
        parse_json(b"[10]", max_bytes=3)


@given(st.binary(max_size=40))
def test_hex_helpers(data):
    text = data.hex()
    assert is_hex(text, len(data))
    assert from_hex(text, len(data), "x") == data
    assert not is_hex(text.upper(), len(data)) or not any(c in "abcdef" for c in text)
    assert not is_hex(text + "0", len(data))


@pytest.mark.parametrize("text", ["g" * 64, "A" * 64, "0" * 63, None, 5, " " + "0" * 63])
def test_from_hex_names_the_field(text):
    with pytest.raises(MalformedError, match="record must be 64 lowercase hex characters"):
        from_hex(text, 32, "record")


@given(st.binary(max_size=100))
def test_b64url_round_trip(data):
    text = b64url(data)
    assert "=" not in text and "+" not in text and "/" not in text
    assert from_b64url(text) == data


@pytest.mark.parametrize("text", ["a+b", "ab/c", "abc=", "a b", "é", "a"])
def test_from_b64url_refuses(text):
    with pytest.raises(MalformedError, match="header is not base64url"):
        from_b64url(text, "header")
