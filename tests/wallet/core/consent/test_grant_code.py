"""wallet.core.grant_code: round trips, scanner tolerance, every error reason, QR size."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wallet.core.consent import grant_code as gc
from wallet.core.consent import qr
from wallet.core.consent.grant_code import GrantCode, decode_grant, encode_grant
from wallet.core.errors import GrantCodeProblem, InvalidGrantCode

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "data" / "grant_vectors.json").read_text())
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
GENESIS, CONSENT = bytes.fromhex("11" * 32), bytes.fromhex("22" * 32)
TYPICAL = GrantCode(
    ("http://127.0.0.1:8765", "https://ledger.st-mary-hospital.example.org"),
    GENESIS, CONSENT, expiry=1893456000, label="Dr Smith clinic",
)

# What str.isprintable() accepts: no control, format, private, unassigned or separator characters
# except the ASCII space.
printable = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn", "Zs")) | st.just(" ")
hosts = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,8}){0,2}", fullmatch=True)
urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}{host}{port}{path}"[: gc.MAX_URL_CHARS],
    st.sampled_from(["http://", "https://"]),
    hosts,
    st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")),
    st.from_regex(r"(/[A-Za-z0-9._~-]{0,12}){0,3}", fullmatch=True),
)
grants = st.builds(
    GrantCode,
    node_urls=st.lists(urls, min_size=1, max_size=4).map(tuple),
    genesis_hash=st.binary(min_size=32, max_size=32),
    consent_id=st.binary(min_size=32, max_size=32),
    expiry=st.one_of(st.none(), st.integers(0, 2**40 - 1)),
    label=st.one_of(st.none(), st.text(printable, max_size=40)),
)


def reason(text: str, **kwargs: object) -> GrantCodeProblem:
    with pytest.raises(InvalidGrantCode) as caught:
        decode_grant(text, **kwargs)  # type: ignore[arg-type]
    return caught.value.reason


@given(grants)
def test_round_trip(grant: GrantCode) -> None:
    text = encode_grant(grant)
    assert set(text) <= QR_ALPHANUMERIC
    assert decode_grant(text, expected_genesis=grant.genesis_hash) == grant


def test_golden_codes() -> None:
    for vector in VECTORS["vectors"]:
        grant = GrantCode(tuple(vector["node_urls"]), bytes.fromhex(vector["genesis_hash_hex"]),
                          bytes.fromhex(vector["consent_id_hex"]), vector["expiry"], vector["label"])
        assert encode_grant(grant) == vector["text"]
        assert decode_grant(vector["text"]) == grant


def test_keyboard_wedge_input_is_accepted() -> None:
    text = encode_grant(TYPICAL)
    assert decode_grant(text.lower() + "\r\n") == TYPICAL
    assert decode_grant("  " + text[:40] + "\n" + text[40:] + "\r") == TYPICAL
    assert decode_grant("\t".join(text[i : i + 8] for i in range(0, len(text), 8))) == TYPICAL


@settings(max_examples=400)
@given(grants, st.data())
def test_any_single_character_change_is_detected(grant: GrantCode, data: st.DataObject) -> None:
    text = encode_grant(grant)
    position = data.draw(st.integers(0, len(text) - 1))
    replacement = data.draw(st.sampled_from(sorted(QR_ALPHANUMERIC - {" "}) + ["=", "é", "0", "1", "8"]))
    assume(replacement.upper() != text[position])
    with pytest.raises(InvalidGrantCode):
        decode_grant(text[:position] + replacement + text[position + 1 :])


@settings(max_examples=200)
@given(grants, st.data())
def test_any_truncation_is_detected_as_truncation(grant: GrantCode, data: st.DataObject) -> None:
    text = encode_grant(grant)
    cut = data.draw(st.integers(1, len(text) - 1))
    assert reason(text[:cut]) == GrantCodeProblem.TRUNCATED


def test_every_truncation_of_a_typical_code() -> None:
    text = encode_grant(TYPICAL)
    assert {reason(text[:cut]) for cut in range(1, len(text))} == {GrantCodeProblem.TRUNCATED}
    assert reason("") == GrantCodeProblem.NOT_MEDWALLET


@pytest.mark.parametrize("text", ["https://example.org/", "shlink:/eyJ1cmwiOi", "HELLO", "MEDWALLETX:G1:AAAA"])
def test_not_a_medwallet_code(text: str) -> None:
    assert reason(text) == GrantCodeProblem.NOT_MEDWALLET


def test_unknown_version() -> None:
    body = encode_grant(TYPICAL).split(":", 2)[2]
    assert reason(f"MEDWALLET:G2:{body}") == GrantCodeProblem.UNSUPPORTED_VERSION
    assert reason(f"MEDWALLET:G10:{body}") == GrantCodeProblem.UNSUPPORTED_VERSION
    assert reason(f"MEDWALLET:X1:{body}") == GrantCodeProblem.MALFORMED


def test_checksum_reason() -> None:
    text = encode_grant(TYPICAL)
    middle = len(text) // 2
    swapped = text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1 :]
    assert reason(swapped) == GrantCodeProblem.CHECKSUM


def test_other_network_and_expiry() -> None:
    text = encode_grant(TYPICAL)
    assert reason(text, expected_genesis=bytes(32)) == GrantCodeProblem.OTHER_NETWORK
    assert decode_grant(text, expected_genesis=GENESIS) == TYPICAL
    assert reason(text, now=1893456000) == GrantCodeProblem.EXPIRED
    assert decode_grant(text, now=1893455999) == TYPICAL
    assert TYPICAL.is_expired(2e9) and not GrantCode(("http://a",), GENESIS, CONSENT).is_expired(2e9)


def _with_checksum(body: bytes) -> str:
    checksum = hashlib.sha256(gc.HEADER.encode() + body).digest()[:4]
    return gc.HEADER + base64.b32encode(body + checksum).decode().rstrip("=")


@pytest.mark.parametrize("body", [
    bytes([0x80]) + GENESIS + CONSENT + b"\x01\x08127.0.0.1",  # unknown flag
    bytes([0]) + GENESIS + CONSENT + b"\x00\x00",  # no URL (then one stray byte)
    bytes([0]) + GENESIS + CONSENT + b"\x05" + b"\x01a" * 5,  # five URLs
    bytes([0]) + GENESIS + CONSENT + b"\x01\x08127.0.0.1" + b"\x00",  # trailing byte
    bytes([0]) + GENESIS + CONSENT + b"\x01\x05a b c",  # space in URL
    bytes([2]) + GENESIS + CONSENT + b"\x01\x01a\x02\xff\xfe",  # label not UTF-8
])
def test_structurally_bad_bodies_with_valid_checksum_are_malformed(body: bytes) -> None:
    assert reason(_with_checksum(body)) == GrantCodeProblem.MALFORMED


def test_error_messages_are_patient_facing() -> None:
    with pytest.raises(InvalidGrantCode) as caught:
        decode_grant(encode_grant(TYPICAL), expected_genesis=bytes(32))
    assert "another Medwallet network" in str(caught.value)
    assert caught.value.code == "invalid_grant_code"


@pytest.mark.parametrize("kwargs", [
    {"node_urls": ()},
    {"node_urls": ("http://a",) * 5},
    {"node_urls": ("ftp://example.org",)},
    {"node_urls": ("HTTP://example.org",)},
    {"node_urls": ("http://" + "a" * 122,)},
    {"node_urls": ("http://exa mple.org",)},
    {"node_urls": ("https://bücher.example",)},
    {"node_urls": ("http://",)},
    {"genesis_hash": bytes(31)},
    {"consent_id": "22" * 32},
    {"expiry": -1},
    {"expiry": 2**40},
    {"label": "x" * 41},
    {"label": "line\nbreak"},
])
def test_invalid_grants_cannot_be_built(kwargs: dict[str, object]) -> None:
    fields: dict[str, object] = {
        "node_urls": ("http://127.0.0.1:8765",), "genesis_hash": GENESIS, "consent_id": CONSENT,
    }
    fields.update(kwargs)
    with pytest.raises(ValueError):
        GrantCode(**fields)  # type: ignore[arg-type]


def test_limits_are_accepted() -> None:
    longest = "https://" + "a" * 120
    assert len(longest) == gc.MAX_URL_CHARS
    grant = GrantCode((longest,) * 4, GENESIS, CONSENT, 2**40 - 1, "é" * 40)
    assert decode_grant(encode_grant(grant)) == grant


def test_typical_code_fits_a_small_qr(capsys: pytest.CaptureFixture[str]) -> None:
    """The figure reported in the design notes: version and modules at error correction M."""
    text = encode_grant(TYPICAL)
    version, modules = qr.qr_size(text)
    minimal = encode_grant(GrantCode(("http://127.0.0.1:8765",), GENESIS, CONSENT))
    with capsys.disabled():
        print(f"\ngrant code: {len(text)} chars -> QR version {version} ({modules}x{modules}) at M; "
              f"minimal {len(minimal)} chars -> version {qr.qr_size(minimal)[0]}")
    assert len(text) == 241 and version <= 10
    assert qr.qr_size(minimal)[0] <= 6
