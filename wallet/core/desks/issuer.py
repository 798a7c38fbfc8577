"""The issuer desk: an institution that issues anonymous credentials (AnonCreds) to patients.

Like the clinic desk it holds an institution's keys (Ed25519 to sign ledger transactions,
X25519 for sealed boxes) in a vault; it also holds, per credential definition (``tag``),
the AnonCreds private keys, its revocation registry, the status list it last published
and the log of what it issued. Everything secret lives in the vault; the public tails
files sit in ``tails/``.

Flow: :meth:`IssuerDesk.setup` makes a schema, a credential definition with a
revocation registry, and publishes them on the ledger; :meth:`offer` →
(patient's request) → :meth:`issue` gives a patient a credential; :meth:`revoke`
publishes a new status list, after which that credential admits no new pseudonym.

The desk can be made before its network exists (keys only), so that a pilot can name
it in the genesis ``accepted_issuers``; :meth:`connect` attaches it to the network later.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.platform != "win32":  # POSIX file locks; on Windows one desk process at a time
    import fcntl

from ledger_client import credentials as ledger_creds
from ledger_client.anoncreds_lib import anoncreds
from ledger_client.errors import NotFound
from ledger_client.folders import private_dir, private_file, tighten

from ..atomic_file import atomic_write
from ..credentials.documents import DOC_VERSION, check_doc
from ..errors import WalletError
from ..keys import sodium
from ..keys.sodium import Argon2Limits
from ..network import Network
from ..settings import Settings
from .institution import InstitutionDesk

VAULT_FILE = "issuer.vault"
SETTINGS_FILE = "settings.json"
DEFAULT_TAG = "patient-1"
DEFAULT_ATTRIBUTES = ("patient_of", "insured", "birth_year")
DEFAULT_MAX_CREDENTIALS = 1000
MAX_CREDENTIALS = 10_000  # the status list travels in a ledger transaction (2 bytes per credential)
STATE_MAGIC = b"MWISSU01"
STATE_FIELDS = ("status_list", "next_index", "issued", "offers")
_TAG = re.compile(r"\A[A-Za-z0-9_.-]{1,40}\Z")


class IssuerError(WalletError):
    """The issuer desk cannot do this. The message says what is missing."""

    code = "issuer_error"


@dataclass(frozen=True)
class Issued:
    """One credential the desk issued."""

    index: int
    label: str
    attributes: dict[str, Any]
    issued_at: int
    revoked_at: int | None


class IssuerDesk(InstitutionDesk):
    """An issuing institution's desk in a directory: keys and registries in a vault."""

    VAULT_FILE = VAULT_FILE
    DEFAULT_KIND = "issuer"

    @classmethod
    def create(cls, directory: Path, name: str, nodes: list[str] | None = None, *, genesis_hash: str | None = None,
               passphrase: str | None = None, use_keyring: bool = True,
               kdf_limits: Argon2Limits | None = None) -> IssuerDesk:
        """New institution keys; with ``nodes`` connected to that network at once."""
        if (directory / VAULT_FILE).exists():
            raise IssuerError("An issuer desk already exists in this folder.")
        network = Network(nodes, genesis_hash) if nodes else None
        keystore = cls._new_keystore(directory, passphrase, use_keyring, kdf_limits)
        settings = Settings(wallet_id=keystore.wallet_id,
                            extra={"institution_name": name, "institution_kind": "issuer"})
        desk = cls(directory, keystore, settings)
        if network is not None:
            desk._adopt(network)
        settings.save(directory / SETTINGS_FILE)
        return desk

    @classmethod
    def open(cls, directory: Path, passphrase: str | None = None) -> IssuerDesk:
        if not (directory / VAULT_FILE).exists():
            raise IssuerError("No issuer desk here yet: run 'medwallet issuer init' first.")
        return cls._open_existing(directory, passphrase)

    def _adopt(self, network: Network) -> None:
        self._network = network
        self.settings.nodes, self.settings.genesis_hash = list(network.nodes), network.genesis.hash
        self.settings.network_name = network.genesis.network

    def connect(self, nodes: list[str], genesis_hash: str | None = None) -> Network:
        """Attach the desk to a network (pinned to its genesis from then on)."""
        self._adopt(Network(nodes, genesis_hash or self.settings.genesis_hash or None))
        self.settings.save(self.dir / SETTINGS_FILE)
        return self.network

    @property
    def network(self) -> Network:
        if self._network is None and not self.settings.nodes:
            raise IssuerError("This issuer desk is not connected to a network yet: run 'medwallet issuer connect'.")
        return super().network

    def registration_payload(self) -> dict[str, Any]:
        """What governance signs to register this desk's institution (always kind ``issuer``)."""
        return {**super().registration_payload(), "kind": "issuer"}

    # --- credential definitions ---------------------------------------------------

    def tags(self) -> list[str]:
        return sorted(name.split("/", 1)[1] for name in self.keystore.secrets if name.startswith("registry/"))

    def cred_def_id(self, tag: str = DEFAULT_TAG) -> str:
        return ledger_creds.cred_def_id_for(self.key.public, tag)

    def _registry(self, tag: str) -> dict[str, Any]:
        """The registry of ``tag``: its keys (vault) and its current state (state file), merged."""
        raw = self.keystore.secrets.get(f"registry/{tag}")
        if raw is None:
            raise IssuerError(f"This desk has no credential definition {tag!r}: run 'medwallet issuer setup'.")
        return {**json.loads(raw), **self._read_state(tag)}

    @contextlib.contextmanager
    def _editing(self, tag: str) -> Iterator[dict[str, Any]]:
        """Read, change and write back a registry's state under a lock: two desk processes on one
        folder (the window and the command line) never issue the same credential number."""
        private_dir(self._state_path(tag).parent)
        with open(private_file(self._state_path(tag).with_suffix(".lock")), "a+b") as lock:
            if sys.platform != "win32":
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            registry = self._registry(tag)
            yield registry
            self._write_state(tag, registry)

    def _state_path(self, tag: str) -> Path:
        if not _TAG.match(tag):
            raise IssuerError("A credential definition tag is 1 to 40 letters, digits, '.', '_' or '-'.")
        return self.dir / "registries" / f"{tag}.state"

    def _state_key(self) -> bytes:
        return sodium.derive_key(self.keystore.secrets["sign_seed"], "mw/issuer-state")

    def _read_state(self, tag: str) -> dict[str, Any]:
        """``MAGIC || XChaCha20-Poly1305(state key, JSON, ad = MAGIC || tag)``: issued log, status list..."""
        raw = self._state_path(tag).read_bytes()
        if not raw.startswith(STATE_MAGIC):
            raise IssuerError(detail="damaged registry state")
        return json.loads(sodium.aead_decrypt(self._state_key(), raw[len(STATE_MAGIC):], STATE_MAGIC + tag.encode()))

    def _write_state(self, tag: str, registry: dict[str, Any]) -> None:
        state = {name: registry[name] for name in STATE_FIELDS}
        sealed = sodium.aead_encrypt(self._state_key(), json.dumps(state, sort_keys=True).encode(),
                                     STATE_MAGIC + tag.encode())
        atomic_write(self._state_path(tag), STATE_MAGIC + sealed)

    def setup(self, tag: str = DEFAULT_TAG, attributes: tuple[str, ...] = DEFAULT_ATTRIBUTES, *,
              schema_name: str = "patient", schema_version: str = "1.0",
              max_credentials: int = DEFAULT_MAX_CREDENTIALS) -> str:
        """Create a schema and a revocable credential definition and publish them; returns its id.

        Making the keys takes a few seconds (safe primes).
        """
        if f"registry/{tag}" in self.keystore.secrets:
            raise IssuerError(f"The credential definition {tag!r} exists already.")
        if not 1 <= max_credentials <= MAX_CREDENTIALS:
            raise IssuerError(f"A registry holds 1 to {MAX_CREDENTIALS} credentials.")
        if not self.is_registered():
            raise IssuerError("Register this institution on the network first (governance signs its keys).")
        inst, uri = self.key.public, ledger_creds.issuer_uri(self.key.public)
        schema_id = ledger_creds.schema_id_for(inst, schema_name, schema_version)
        cred_def_id, rev_id = self.cred_def_id(tag), ledger_creds.rev_reg_id_for(inst, tag)
        schema = anoncreds.Schema.create(schema_name, schema_version, uri, list(attributes))
        cred_def, cred_def_private, key_proof = anoncreds.CredentialDefinition.create(
            schema_id, schema, uri, tag, "CL", support_revocation=True)
        tails_dir = private_dir(self.dir / "tails")
        rev_def, rev_private = anoncreds.RevocationRegistryDefinition.create(
            cred_def_id, cred_def, uri, tag, "CL_ACCUM", max_credentials, tails_dir_path=str(tails_dir))
        tighten(tails_dir)  # the library writes the tails file under the process umask
        status = anoncreds.RevocationStatusList.create(cred_def, rev_id, rev_def, rev_private, uri, True,
                                                       self._timestamp())
        keys: dict[str, Any] = {"schema_id": schema_id, "schema": _obj(schema), "cred_def": _obj(cred_def),
                "cred_def_private": _obj(cred_def_private), "key_proof": _obj(key_proof), "rev_reg_id": rev_id,
                "rev_reg_def": _obj(rev_def), "rev_reg_private": _obj(rev_private)}
        registry = {**keys, "status_list": _obj(status), "next_index": 1, "issued": {}, "offers": {}}
        private_dir(self._state_path(tag).parent)
        self._write_state(tag, registry)  # keys and state first: a lost answer from the node must not lose them
        self.keystore.update_secrets({f"registry/{tag}": json.dumps(keys, sort_keys=True).encode()})
        payload = ledger_creds.credential_def_payload(cred_def_id, schema_id, registry["schema"], registry["cred_def"],
                                                      rev_id, registry["rev_reg_def"], registry["status_list"])
        self.network.submit(self.key, "publish_credential_def", payload)
        return cred_def_id

    def _timestamp(self, after: int = 0) -> int:
        return max(int(time.time()), after + 1)

    # --- issuing ------------------------------------------------------------------

    def offer(self, tag: str = DEFAULT_TAG) -> dict[str, Any]:
        """A credential offer for one patient (each offer has its own nonce)."""
        with self._editing(tag) as registry:
            offer = anoncreds.CredentialOffer.create(registry["schema_id"], self.cred_def_id(tag),
                                                     json.dumps(registry["key_proof"]))
            doc = _obj(offer)
            registry["offers"][doc["nonce"]] = {"at": int(time.time())}
        return {"type": "medwallet/credential-offer", "v": DOC_VERSION, "chain_id": self.network.chain_id,
                "issuer": self.key.public, "issuer_name": self.name, "cred_def_id": self.cred_def_id(tag),
                "offer": doc}

    def issue(self, request_doc: object, attributes: dict[str, str | int], *, label: str = "",
              tag: str = DEFAULT_TAG) -> dict[str, Any]:
        """Sign a credential for the patient who sent ``request_doc`` (answering one of our offers)."""
        doc = check_doc(request_doc, "medwallet/credential-request")
        with self._editing(tag) as registry:
            nonce = doc.get("offer_nonce")
            if doc.get("cred_def_id") != self.cred_def_id(tag) or nonce not in registry["offers"]:
                raise IssuerError("This request answers no open offer of this desk.")
            values = {name: str(value) for name, value in attributes.items()}
            if sorted(values) != sorted(registry["schema"]["attrNames"]):
                names = ", ".join(sorted(registry["schema"]["attrNames"]))
                raise IssuerError(f"Give exactly these attributes: {names}.")
            index = registry["next_index"]
            if index > registry["rev_reg_def"]["value"]["maxCredNum"]:
                raise IssuerError("This revocation registry is full: set up a new credential definition.")
            offer = {"schema_id": registry["schema_id"], "cred_def_id": self.cred_def_id(tag),
                     "key_correctness_proof": registry["key_proof"], "nonce": nonce}
            config = anoncreds.CredentialRevocationConfig(json.dumps(registry["rev_reg_def"]),
                                                          json.dumps(registry["rev_reg_private"]),
                                                          json.dumps(registry["status_list"]), index)
            try:
                cred = anoncreds.Credential.create(
                    json.dumps(registry["cred_def"]), json.dumps(registry["cred_def_private"]),
                    json.dumps(offer), json.dumps(doc["request"]), values, None, config)
            except (anoncreds.AnoncredsError, TypeError, ValueError) as exc:
                raise IssuerError("The credential request is not valid.", detail=str(exc)[:200]) from None
            del registry["offers"][nonce]
            registry["next_index"] = index + 1
            registry["issued"][str(index)] = {"label": label, "attributes": values, "at": int(time.time()),
                                              "revoked_at": None}
        tails = (self.dir / "tails" / registry["rev_reg_def"]["value"]["tailsHash"]).read_bytes()
        return {"type": "medwallet/credential", "v": DOC_VERSION, "cred_def_id": self.cred_def_id(tag),
                "offer_nonce": nonce, "rev_reg_index": index, "credential": _obj(cred),
                "tails": base64.b64encode(tails).decode("ascii")}

    def issued(self, tag: str = DEFAULT_TAG) -> list[Issued]:
        registry = self._registry(tag)
        return [Issued(int(i), e["label"], e["attributes"], e["at"], e["revoked_at"])
                for i, e in sorted(registry["issued"].items(), key=lambda item: int(item[0]))]

    def revoke(self, index: int, tag: str = DEFAULT_TAG) -> str:
        """Revoke credential ``index`` and publish the new status list; returns the transaction id."""
        with self._editing(tag) as registry:
            entry = registry["issued"].get(str(index))
            if entry is None:
                raise IssuerError(f"This desk issued no credential number {index}.")
            current = anoncreds.RevocationStatusList.load(json.dumps(registry["status_list"]))
            private = anoncreds.RevocationRegistryDefinitionPrivate.load(json.dumps(registry["rev_reg_private"]))
            updated = current.update(anoncreds.CredentialDefinition.load(json.dumps(registry["cred_def"])),
                                     anoncreds.RevocationRegistryDefinition.load(json.dumps(registry["rev_reg_def"])),
                                     private, None, [index], self._timestamp(registry["status_list"]["timestamp"]))
            registry["status_list"] = _obj(updated)
            entry["revoked_at"] = int(time.time())
        return self.publish_status(tag)

    def publish_status(self, tag: str = DEFAULT_TAG) -> str:
        """(Re)publish the desk's current status list (after a revocation, or if a publication was lost)."""
        registry = self._registry(tag)
        try:
            on_ledger = self.network.client.get_json(f"/v1/credential-defs/{self.cred_def_id(tag)}")
            if on_ledger["revocation"]["status_list"] == registry["status_list"]:
                return on_ledger.get("status_tx", "")
        except NotFound:
            raise IssuerError("The credential definition is not on the ledger: set it up again.") from None
        return self.network.submit(self.key, "publish_revocation_status",
                                   {"cred_def_id": self.cred_def_id(tag), "status_list": registry["status_list"]})


def _obj(value: Any) -> dict[str, Any]:
    """An AnonCreds object as its JSON document."""
    return json.loads(value.to_json())
