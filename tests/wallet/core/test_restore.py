"""Restore: a wallet rebuilt from its 24 words alone finds its records, consents and accesses."""

from __future__ import annotations

import time

from tests.wallet.conftest import PASSPHRASE
from tests.wallet.files import write_pdf
from wallet.core import importing, restore
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.records import library


def test_restore_from_phrase_rediscovers_everything(make_wallet, clinic, tmp_path):
    original = make_wallet("original")
    src = write_pdf(tmp_path / "a.pdf", 50_000)
    rec = importing.import_file(original, src, title="Scan").record
    granted = grants.grant(original, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    phrase = original.keys.phrase()
    restored, summary = restore.restore(tmp_path / "restored", phrase, nodes=original.settings.nodes,
                                        passphrase=PASSPHRASE, use_keyring=False,
                                        kdf_limits=ARGON2_MIN)
    try:
        assert summary["pseudonyms"] == 2 and summary["grants"] == 1
        titles = {r["title"] for r in library.list_records(restored)}
        assert titles == {"Scan"}
        library.export_record(restored, rec, tmp_path / "back.pdf")
        assert (tmp_path / "back.pdf").read_bytes() == src.read_bytes()
        given = grants.list_grants(restored)
        assert given[0]["records"] == [rec] and given[0]["institution_name"] == clinic.name
        assert any(e["kind"] == "access" and e["requester_name"] == clinic.name for e in trail.events(restored))
    finally:
        restored.close()
