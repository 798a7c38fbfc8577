"""wallet.core.crypto: published vectors, round trips, tamper detection, module boundaries."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.core.errors import CryptoError
from wallet.core.keys import sodium

CORE = Path(__file__).resolve().parents[4] / "wallet" / "core"

# libsodium test/default/kdf.{c,exp}: context "KDF test", master key 00 01 .. 1f.
KDF_MASTER = bytes(range(32))
KDF_VECTORS = [  # (subkey id, length, expected)
    (0, 64, "a0c724404728c8bb95e5433eb6a9716171144d61efb23e74b873fcbeda51d807"
            "1b5d70aae12066dfc94ce943f145aa176c055040c3dd73b0a15e36254d450614"),
    (1, 64, "02507f144fa9bf19010bf7c70b235b4c2663cc00e074f929602a5e2c10a78075"
            "7d2a3993d06debc378a90efdac196dd841817b977d67b786804f6d3cd585bab5"),
    (16, 16, "a529216624ef9161e4cf117272aafff2"),
    (32, 32, "154b291f11196737f8b7f491e4ca11764e0227d34f94295408a869f007aa8618"),
]


@pytest.mark.parametrize(("index", "size", "expected"), KDF_VECTORS)
def test_derive_key_is_libsodium_crypto_kdf(index: int, size: int, expected: str) -> None:
    assert sodium.derive_key(KDF_MASTER, "KDF test", index, size).hex() == expected


def test_derive_key_matches_python_blake2b() -> None:
    """An independent BLAKE2b (hashlib) gives the same bytes for the documented layout."""
    import hashlib

    root = bytes(range(100, 132))
    expected = hashlib.blake2b(
        b"", digest_size=32, key=root, salt=(7).to_bytes(8, "little") + bytes(8),
        person=b"mw/pseudo-sign".ljust(16, b"\0"),
    ).digest()
    assert sodium.derive_key(root, "mw/pseudo-sign", 7) == expected


@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=16),
       st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=16),
       st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1))
def test_derive_key_separates_purposes_and_indices(p1: str, p2: str, i1: int, i2: int) -> None:
    root = bytes(32)
    same = (p1, i1) == (p2, i2)
    assert (sodium.derive_key(root, p1, i1) == sodium.derive_key(root, p2, i2)) == same


@pytest.mark.parametrize("purpose", ["", "x" * 17, "clé", "tab\there"])
def test_derive_key_refuses_bad_purposes(purpose: str) -> None:
    with pytest.raises(ValueError):
        sodium.derive_key(bytes(32), purpose)


@pytest.mark.parametrize(("root", "index"), [(bytes(15), 0), (bytes(65), 0), (bytes(32), -1), (bytes(32), 2**64)])
def test_derive_key_refuses_bad_roots_and_indices(root: bytes, index: int) -> None:
    with pytest.raises(ValueError):
        sodium.derive_key(root, "p", index)


def test_ed25519_from_seed_rfc8032_vector() -> None:
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    public = bytes(sodium.signing_key(seed).verify_key).hex()
    assert public == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"


def test_x25519_from_bytes_rfc7748_vector() -> None:
    secret = bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    public = bytes(sodium.box_key(secret).public_key).hex()
    assert public == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"


@pytest.mark.parametrize("bad", [b"", bytes(31), bytes(33), "a" * 32])
def test_keys_must_be_32_bytes(bad: object) -> None:
    for make in (sodium.signing_key, sodium.box_key, sodium.public_box_key):
        with pytest.raises(ValueError):
            make(bad)  # type: ignore[arg-type]


@given(st.binary(max_size=2048))
def test_sealed_box_round_trip_and_recipient_binding(message: bytes) -> None:
    alice, bob = sodium.box_key(bytes([1]) * 32), sodium.box_key(bytes([2]) * 32)
    sealed = sodium.seal(alice.public_key, message)
    assert len(sealed) == len(message) + sodium.SEALED_BOX_OVERHEAD
    assert sodium.seal_open(alice, sealed) == message
    with pytest.raises(CryptoError):
        sodium.seal_open(bob, sealed)


@given(st.binary(max_size=256), st.data())
def test_sealed_box_detects_any_flipped_bit(message: bytes, data: st.DataObject) -> None:
    key = sodium.box_key(bytes([3]) * 32)
    sealed = bytearray(sodium.seal(key.public_key, message))
    position = data.draw(st.integers(0, len(sealed) - 1))
    sealed[position] ^= 1 << data.draw(st.integers(0, 7))
    with pytest.raises(CryptoError):
        sodium.seal_open(key, bytes(sealed))


@given(st.binary(max_size=1024), st.data())
def test_secretbox_round_trip_and_tamper(message: bytes, data: st.DataObject) -> None:
    key = sodium.random_bytes(32)
    box = sodium.secretbox_encrypt(key, message)
    assert len(box) == len(message) + sodium.SECRETBOX_OVERHEAD
    assert sodium.secretbox_decrypt(key, box) == message
    tampered = bytearray(box)
    tampered[data.draw(st.integers(0, len(box) - 1))] ^= 0x80
    with pytest.raises(CryptoError):
        sodium.secretbox_decrypt(key, bytes(tampered))
    with pytest.raises(CryptoError):
        sodium.secretbox_decrypt(sodium.random_bytes(32), box)


@given(st.binary(max_size=512), st.binary(max_size=64), st.binary(min_size=1, max_size=64))
def test_aead_binds_associated_data(message: bytes, ad: bytes, other: bytes) -> None:
    key = sodium.random_bytes(32)
    box = sodium.aead_encrypt(key, message, ad)
    assert len(box) == len(message) + sodium.AEAD_OVERHEAD
    assert sodium.aead_decrypt(key, box, ad) == message
    with pytest.raises(CryptoError):
        sodium.aead_decrypt(key, box, ad + other)
    with pytest.raises(CryptoError):
        sodium.aead_decrypt(key, box[:10], ad)


def test_argon2id_is_deterministic_salted_and_sized() -> None:
    salt = bytes(16)
    one = sodium.argon2id_key(b"passphrase", salt, sodium.ARGON2_MIN)
    assert len(one) == 32
    assert one == sodium.argon2id_key(b"passphrase", salt, sodium.ARGON2_MIN)
    assert one != sodium.argon2id_key(b"passphrase", bytes([1]) * 16, sodium.ARGON2_MIN)
    assert one != sodium.argon2id_key(b"passphrasf", salt, sodium.ARGON2_MIN)
    assert one != sodium.argon2id_key(b"passphrase", salt, sodium.Argon2Limits(2, sodium.ARGON2_MIN.memlimit))
    with pytest.raises(ValueError):
        sodium.argon2id_key(b"p", bytes(8), sodium.ARGON2_MIN)


def test_argon2_presets_are_libsodiums() -> None:
    assert sodium.ARGON2_MODERATE == (3, 256 * 1024 * 1024)
    assert sodium.ARGON2_INTERACTIVE == (2, 64 * 1024 * 1024)
    assert sodium.ARGON2_MIN.opslimit == 1


@given(st.lists(st.binary(max_size=300), min_size=1, max_size=6))
def test_secretstream_round_trip(chunks: list[bytes]) -> None:
    key = sodium.random_bytes(32)
    state, header = sodium.stream_init_push(key)
    assert len(header) == sodium.STREAM_HEADER_BYTES
    sealed = [sodium.stream_push(state, c, final=i == len(chunks) - 1) for i, c in enumerate(chunks)]
    pull = sodium.stream_init_pull(key, header)
    opened = [sodium.stream_pull(pull, c) for c in sealed]
    assert [p for p, _ in opened] == chunks
    assert [f for _, f in opened] == [False] * (len(chunks) - 1) + [True]


def test_secretstream_detects_reordering_and_tampering() -> None:
    key = sodium.random_bytes(32)
    state, header = sodium.stream_init_push(key)
    first, second = sodium.stream_push(state, b"one"), sodium.stream_push(state, b"two", final=True)
    with pytest.raises(CryptoError):
        sodium.stream_pull(sodium.stream_init_pull(key, header), second)
    with pytest.raises(CryptoError):
        sodium.stream_pull(sodium.stream_init_pull(key, header), first[:-1] + bytes([first[-1] ^ 1]))
    with pytest.raises(CryptoError):
        sodium.stream_pull(sodium.stream_init_pull(key, header), b"short")
    with pytest.raises(CryptoError):
        sodium.stream_init_pull(key, header[:-1])


def test_random_bytes() -> None:
    assert len(sodium.random_bytes(32)) == 32
    assert sodium.random_bytes(32) != sodium.random_bytes(32)


# The self-contained primitives: none of them may reach Qt, the ledger, or libsodium directly.
PRIMITIVES = ("atomic_file", "keys.sodium", "errors", "consent.grant_code", "keys.keyring_access", "keys.keystore",
              "consent.qr", "records.stream", "keys.seed", "keys.vault")


def test_only_crypto_module_imports_nacl_at_runtime() -> None:
    """All libsodium calls live in sodium.py (imports under TYPE_CHECKING are annotations only)."""
    offenders = []
    for name in PRIMITIVES:
        if name == "keys.sodium":
            continue
        tree = ast.parse((CORE / f"{name.replace('.', '/')}.py").read_text())
        for node in tree.body:  # module level, outside `if TYPE_CHECKING:`
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n == "nacl" or n.startswith("nacl.") for n in names):
                offenders.append(name)
    assert offenders == []


# The one module of the ledger they share: its exception classes, for the one Cancelled class
# that the client and the wallet both raise (ledger_client.errors imports nothing).
SHARED = ("ledger_client", "ledger_client.errors")


def test_primitives_import_no_qt_and_no_ledger() -> None:
    code = (
        "import sys, importlib\n"
        f"for m in {PRIMITIVES!r}: importlib.import_module('wallet.core.' + m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'ledger_client')\n"
        f"       and m not in {SHARED!r}]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=CORE.parents[1])
    assert out.stdout.strip() == "[]"
