"""The clinic desk: an institution's keys, and reading what a patient's QR grant allows.

The desk reads a grant code (typed by a keyboard-wedge scanner, or decoded from an
image), checks that it is for the desk's network, proves the consent transaction on a
verified header chain, fetches the key envelope and then each record with a freshly
signed access request, and decrypts them. Every read is an audited ledger event; a
refused read says why (revoked, expired, wrong purpose, not in scope...). Beside each
FHIR record it reads, the desk writes a Provenance (:mod:`wallet.core.fhir.provenance`).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ledger_client.access import make_access_request
from ledger_client.contract import REASON_TEXT
from ledger_client.errors import AccessDenied, LedgerError, NotFound
from ledger_client.folders import private_file

from ..consent.envelope import open_envelope
from ..consent.grant_code import GrantCode, decode_grant
from ..consent.qr import ImageSource, decode_image
from ..delegation.audit import proven_delegation
from ..errors import GrantCodeProblem, InvalidGrantCode, QrNotFound, WalletError
from ..fhir.bundle_export import write_json
from ..fhir.provenance import fhir_header, provenance_path, provenance_resource
from ..keys.sodium import Argon2Limits
from ..local_node import NodeHost
from ..network import Network, StartLocal, connect
from ..records.blob import open_record
from ..settings import Settings
from .institution import InstitutionDesk

VAULT_FILE = "clinic.vault"
SETTINGS_FILE = "settings.json"
SAVE_FOLDER = "save_folder"  # settings: where the receptionist last saved received files


class ClinicError(WalletError):
    """The clinic desk cannot do this. The message says what is missing."""

    code = "clinic_error"


class ReadRefused(WalletError):
    """The ledger refused this read. The reason is shown; ask the patient for a new consent if needed."""

    code = "read_refused"

    def __init__(self, reason: str, event_id: str | None = None) -> None:
        super().__init__(f"Read refused: {REASON_TEXT.get(reason, reason)}.", detail=reason)
        self.reason, self.event_id = reason, event_id


ByteProgress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass
class ProvenConsent:
    """What the desk shows after scanning: the consent as the ledger proves it."""

    consent: str
    grantor: str
    records: list[str]
    purpose: str
    not_before: int
    expires_at: int
    status: str
    height: int
    envelope: str | None
    max_reads: int | None = None  # a limited-use consent (1: one-time); None: unlimited
    reads_left: int | None = None  # the ledger's count (None: unlimited)


@dataclass
class ReadResult:
    """What a read fetched: one file, title, access event and Provenance (or None) per record."""

    files: list[Path] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    provenance: list[Path | None] = field(default_factory=list)  # beside each FHIR record (None: not FHIR)
    reads_left: int | None = None  # after this read, for a limited-use consent (None: unlimited)


class ClinicDesk(InstitutionDesk):
    """A clinic desk in a directory: keys in a vault, network in settings."""

    VAULT_FILE = VAULT_FILE

    @classmethod
    def create(cls, directory: Path, name: str, kind: str, nodes: list[str], *, genesis_hash: str | None = None,
               passphrase: str | None = None, use_keyring: bool = True, kdf_limits: Argon2Limits | None = None,
               embedded: bool = False, start_local: StartLocal | None = None) -> ClinicDesk:
        """A new desk on the network of ``nodes``, or (``embedded``) on the embedded network of this computer."""
        if (directory / VAULT_FILE).exists():
            raise ClinicError("A clinic desk already exists in this folder.")
        if not embedded and not nodes:
            raise ClinicError("Give the network's node address (or choose the network of this computer).")
        settings = Settings(nodes=[] if embedded else list(nodes), genesis_hash=genesis_hash or "",
                            local_node=embedded, extra={"institution_name": name, "institution_kind": kind})
        host = NodeHost(start_local)
        network = connect(settings, directory / SETTINGS_FILE, host.start) if embedded else Network(nodes, genesis_hash)
        settings.genesis_hash, settings.network_name = network.genesis.hash, network.genesis.network
        try:
            keystore = cls._new_keystore(directory, passphrase, use_keyring, kdf_limits)
        except BaseException:
            network.close()
            host.close()
            raise
        settings.wallet_id = keystore.wallet_id
        settings.save(directory / SETTINGS_FILE)
        desk = cls(directory, keystore, settings)
        desk.host, desk._network = host, network
        return desk

    @classmethod
    def open(cls, directory: Path, passphrase: str | None = None, *,
             start_local: StartLocal | None = None) -> ClinicDesk:
        if not (directory / VAULT_FILE).exists():
            raise ClinicError("No clinic desk here yet: run 'medwallet clinic init' first.")
        return cls._open_existing(directory, passphrase, start_local)

    # --- received files -----------------------------------------------------------

    def save_folder(self) -> Path | None:
        """The folder received files were last saved to (None: never yet)."""
        folder = self.settings.extra.get(SAVE_FOLDER)
        return Path(folder) if folder else None

    def save_received(self, result: ReadResult, folder: Path) -> list[Path]:
        """Copy what a read received (and the Provenance beside each FHIR record) into ``folder``;
        the folder is remembered for the next time. Existing files are never overwritten."""
        folder.mkdir(parents=True, exist_ok=True)
        saved = []
        for path in [*result.files, *(p for p in result.provenance if p is not None)]:
            target = _unique(folder / path.name)
            shutil.copyfile(path, target)
            saved.append(target)
        if self.settings.extra.get(SAVE_FOLDER) != str(folder):
            self.settings.extra[SAVE_FOLDER] = str(folder)
            self.settings.save(self.dir / SETTINGS_FILE)
        return saved

    # --- scanning -----------------------------------------------------------------

    def scan_text(self, text: str) -> GrantCode:
        """A grant code as typed by a wedge scanner or pasted; must be for this network."""
        return decode_grant(text, bytes.fromhex(self.settings.genesis_hash))

    def scan_image(self, source: ImageSource) -> GrantCode:
        """The first Medwallet grant code found in an image (file path or bytes)."""
        texts = decode_image(source)
        problem: InvalidGrantCode | None = None
        for text in texts:
            try:
                return self.scan_text(text)
            except InvalidGrantCode as exc:
                problem = problem or exc
        raise problem or InvalidGrantCode(GrantCodeProblem.NOT_MEDWALLET)

    def scan_frame(self, frame: Image.Image) -> str | None:
        """A camera frame: the text of the Medwallet code it shows, or None (no code in view yet).

        Frames come several times a second, so no code in view is not an error; a code that
        is a Medwallet code of another network is (:class:`InvalidGrantCode`), so the desk says so.
        """
        try:
            texts = decode_image(frame)
        except QrNotFound:
            return None
        problem: InvalidGrantCode | None = None
        for text in texts:
            try:
                self.scan_text(text)
                return text
            except InvalidGrantCode as exc:
                problem = problem or exc
        if problem is not None and problem.reason != GrantCodeProblem.NOT_MEDWALLET:
            raise problem
        return None

    def consent(self, grant: GrantCode) -> ProvenConsent:
        """The consent named by a grant, proven on the verified header chain."""
        consent_id = grant.consent_id.hex()
        try:
            proven = self.network.light.prove(consent_id)
        except NotFound:
            raise ClinicError("The ledger has no such consent (yet). Ask the patient to show the code again.") from None
        if proven.tx.type not in ("grant_consent", "delegated_grant"):
            raise ClinicError("This code does not name a consent.")
        grantor = proven.tx.signer
        if proven.tx.type == "delegated_grant":  # given by the patient's delegate: the grantor signed the delegation
            grantor = proven_delegation(self.network.light, proven).tx.signer
        payload = proven.tx.payload
        if payload["grantee"] != self.key.public:
            raise ReadRefused("wrong_grantee")
        current = self.network.client.consent(consent_id, signed_by=self.key)
        records, envelope = list(payload["records"]), payload.get("envelope")
        if current.get("narrowed_tx"):  # the patient deleted records: what is left, proven too
            narrowed = self.network.light.prove(current["narrowed_tx"])
            if (narrowed.tx.type != "narrow_consent" or narrowed.tx.signer != grantor
                    or narrowed.tx.payload["consent"] != consent_id):
                raise ClinicError("The ledger node named a change of this consent that is not one.")
            records, envelope = list(narrowed.tx.payload["records"]), narrowed.tx.payload.get("envelope")
        return ProvenConsent(consent_id, grantor, records, payload["purpose"], payload["not_before"],
                             payload["expires_at"], current["status"], proven.height, envelope,
                             payload.get("max_reads"), current.get("reads_left") if payload.get("max_reads") else None)

    def reads_left(self, consent_id: str) -> int | None:
        """How many reads a limited-use consent still allows, as the ledger counts them (None: unlimited)."""
        current = self.network.client.consent(consent_id, signed_by=self.key)
        return current.get("reads_left") if current.get("max_reads") is not None else None

    # --- reading ------------------------------------------------------------------

    def read(self, grant: GrantCode, out_dir: Path, *, purpose: str | None = None,
             progress: ByteProgress | None = None, cancel: Cancel | None = None) -> ReadResult:
        """Fetch and decrypt every record the consent allows into ``out_dir``."""
        view = self.consent(grant)
        purpose = purpose or view.purpose
        if not view.envelope:
            raise ClinicError("This consent carries no keys for the clinic.")
        keys = self._open_envelope(view, view.envelope, purpose)
        out_dir.mkdir(parents=True, exist_ok=True)
        result = ReadResult()
        for record in view.records:
            if record not in keys:
                raise ClinicError("The patient's key envelope does not cover every record.")
            path, title, event = self._read_record(view, record, keys[record], purpose, out_dir, progress, cancel)
            result.files.append(path)
            result.titles.append(title)
            result.events.append(event)
            result.provenance.append(self._write_provenance(view, record, path, event, purpose))
        if view.max_reads is not None:  # every read above is committed: the count is the ledger's now
            result.reads_left = self.reads_left(view.consent)
        return result

    def _download(self, view: ProvenConsent, record: str, purpose: str, target: Path,
                  progress: ByteProgress | None = None, cancel: Cancel | None = None) -> str:
        network = self.network
        request = make_access_request(self.key, network.chain_id, record, view.consent, purpose, int(time.time()))
        try:
            with open(private_file(target), "wb") as out:  # sealed bytes still, but 0600 as all desk files
                return network.client.download_blob(request, out, progress=progress, cancel=cancel)
        except AccessDenied as exc:
            target.unlink(missing_ok=True)
            raise ReadRefused(exc.reason, exc.event_id) from None
        except LedgerError:
            target.unlink(missing_ok=True)
            raise

    def _open_envelope(self, view: ProvenConsent, envelope: str, purpose: str) -> dict[str, bytes]:
        staging = self.dir / f".envelope-{view.consent}"
        self._download(view, envelope, purpose, staging)
        try:
            return open_envelope(self.box, staging.read_bytes())
        except ValueError:
            raise ClinicError("The key envelope cannot be opened with this desk's keys.") from None
        finally:
            staging.unlink(missing_ok=True)

    def _read_record(self, view: ProvenConsent, record: str, key: bytes, purpose: str, out_dir: Path,
                     progress: ByteProgress | None, cancel: Cancel | None) -> tuple[Path, str, str]:
        staging = self.dir / f".blob-{record}"
        event = self._download(view, record, purpose, staging, progress, cancel)
        try:
            meta = open_record(staging, key, None)
            target = _unique(out_dir / _safe_name(meta.get("filename") or f"{record[:12]}.bin"))
            open_record(staging, key, target, expected_hash=record)
        finally:
            staging.unlink(missing_ok=True)
        return target, meta.get("title") or target.name, event

    def _write_provenance(self, view: ProvenConsent, record: str, path: Path, event: str,
                          purpose: str) -> Path | None:
        """Write the Provenance beside a record the desk read, if the record is FHIR JSON.

        The access event is proven on the desk's verified header chain for its height and
        block; if the ledger cannot be reached for that, the Provenance is written without
        them rather than not at all (the read itself already succeeded).
        """
        header = fhir_header(path)
        if header is None:
            return None
        network = self.network
        facts: dict[str, Any] = {}
        if event:
            try:
                proven = network.light.prove(event)
                facts = {"event_height": proven.height, "event_time": proven.block_time,
                         "block_hash": proven.block_hash, "node": proven.tx.signer}
            except LedgerError:
                pass
        doc = provenance_resource(chain_id=network.chain_id, record=record, resource_type=header[0],
                                  resource_id=header[1], consent=view.consent, consent_height=view.height,
                                  grantor=view.grantor, purpose=purpose, reader=self.key.public,
                                  reader_name=self.name, event=event, **facts)
        return write_json(doc, provenance_path(path))


def _safe_name(name: str) -> str:
    """A file name from a patient's metadata that cannot escape the output folder."""
    name = os.path.basename(name.replace("\\", "/")).strip().lstrip(".")
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name)[:120]
    return name or "record.bin"


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    for n in range(2, 10_000):
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise ClinicError("Too many files with the same name in the output folder.")
