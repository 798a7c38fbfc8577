"""The clinic desk: every refused read names its reason, and a bad grant code is refused clearly."""

from __future__ import annotations

import os
import time

import pytest

from ledger_client.access import make_access_request
from ledger_client.errors import AccessDenied
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import GrantCode, decode_grant, encode_grant
from wallet.core.consent.qr import save_png
from wallet.core.desks.clinic import ReadRefused
from wallet.core.errors import GrantCodeProblem, InvalidGrantCode, QrNotFound


def test_refusals_name_their_reason(wallet, clinic, make_clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    other = importing.import_file(wallet, write_pdf(tmp_path / "b.pdf", 1000)).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    grant = decode_grant(granted.code)
    with pytest.raises(ReadRefused) as wrong_purpose:
        clinic.read(grant, tmp_path / "x", purpose="research")
    assert wrong_purpose.value.reason == "wrong_purpose"
    # A record outside the consent's scope, asked for directly with the consent.
    network = clinic.network
    request = make_access_request(clinic.key, network.chain_id, other, granted.consent, "treatment", int(time.time()))
    with pytest.raises(AccessDenied) as not_in_scope, open(os.devnull, "wb") as sink:
        network.client.download_blob(request, sink)
    assert not_in_scope.value.code in ("not_in_scope", "unknown_record")
    # Another clinic cannot use this consent.
    intruder = make_clinic("Intruder")
    with pytest.raises(ReadRefused) as wrong_grantee:
        intruder.read(grant, tmp_path / "y")
    assert wrong_grantee.value.reason == "wrong_grantee"


def test_expired_consent_is_refused(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    soon = int(time.time()) + 10  # the grant itself spaces its pseudonyms' submissions by 1-2 s each
    granted = grants.grant(wallet, clinic.key.public, [rec], "emergency", soon)
    time.sleep(max(0.0, soon - time.time()) + 0.5)
    with pytest.raises(ReadRefused) as refused:
        clinic.read(decode_grant(granted.code), tmp_path / "out")
    assert refused.value.reason == "consent_expired"


def test_bad_grant_codes(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, _pdf(tmp_path / "a.pdf")).record
    code = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 600).code
    cases = {
        GrantCodeProblem.CHECKSUM: code[:-3] + ("A" if code[-3] != "A" else "B") + code[-2:],
        GrantCodeProblem.TRUNCATED: code[: len(code) // 2],
        GrantCodeProblem.NOT_MEDWALLET: "https://example.org/not-a-grant",
    }
    for problem, text in cases.items():
        with pytest.raises(InvalidGrantCode) as exc:
            clinic.scan_text(text)
        assert exc.value.reason in (problem, GrantCodeProblem.MALFORMED), (problem, exc.value.reason)
    other = encode_grant(GrantCode(("http://127.0.0.1:9",), os.urandom(32), os.urandom(32)))
    with pytest.raises(InvalidGrantCode) as exc:
        clinic.scan_text(other)
    assert exc.value.reason == GrantCodeProblem.OTHER_NETWORK
    blank = tmp_path / "blank.png"
    from PIL import Image
    Image.new("RGB", (300, 300), "white").save(blank)
    with pytest.raises(QrNotFound):
        clinic.scan_image(blank)
    save_png(other, tmp_path / "other.png")
    with pytest.raises(InvalidGrantCode):
        clinic.scan_image(tmp_path / "other.png")


def _pdf(path):
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    return path
