"""The long texts of the GUI, in one place for translators (short labels stay in the views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import _

if TYPE_CHECKING:
    from ..core.importing import ImportReport


def delete_record(title: str) -> tuple[str, str]:
    return (_("Delete “{title}” for good?").format(title=title),
            _("Medwallet destroys this record's key on this computer and retires the record on the ledger: "
              "the nodes stop serving it and drop its encrypted data, and every consent that covers it stops "
              "working. This is called crypto-shredding: without the key, no copy of the encrypted data can "
              "ever be read again.\n\nInstitutions that already read the record keep what they read. "
              "The ledger keeps the fact that the record existed and who read it, never its content. "
              "This cannot be undone."))


def imported(report: ImportReport) -> str:
    """What importing one file did, as the records view says it."""
    if not report.is_bundle:
        return _("“{title}” is encrypted, uploaded and anchored.").format(title=report.records[0].title)
    text = _("{name}: FHIR bundle of {entries} entries, kept whole as one record, encrypted, uploaded and "
             "anchored.").format(name=report.path.name, entries=report.entries)
    if report.problems:
        text += " " + _("{n} invalid entries are kept in the file as they are: {first}").format(
            n=len(report.problems), first=report.problems[0])
    return text


def revoke_consent(institution: str) -> tuple[str, str]:
    return (_("Revoke the consent given to {institution}?").format(institution=institution),
            _("From now on the ledger refuses every read under this consent, and each refusal appears in "
              "your access log. What the institution already read stays with it. To share again, "
              "give a new consent."))


def phrase_intro() -> str:
    return _("These 24 words are the only way to recover your wallet if this computer is lost. Write them "
             "down on paper, in order, and keep them somewhere safe. Anyone who has them can read your "
             "records. You can show them again later with the command 'medwallet phrase'.")


def keyring_explained() -> str:
    return _("The system keyring keeps the wallet's key like a browser keeps saved passwords: the wallet "
             "opens without a question when you are logged in. An optional passphrase lets you open it on "
             "a computer whose keyring was reset.")


def passphrase_explained() -> str:
    return _("The wallet's key file is encrypted with your passphrase (Argon2id). You will type it each time "
             "you open Medwallet. Choose at least 8 characters; a few unrelated words are easy to remember.")


def local_node_explained() -> str:
    return _("Medwallet starts a ledger node on this computer and stops it when you quit. Choose this to try "
             "Medwallet, or when your care network has not given you node addresses.")


def credentials_placeholder() -> str:
    return _("Credentials come from an issuer, such as your health insurer or a hospital you are registered "
             "with. A credential lets you prove you are a patient of the network without saying who you "
             "are, so your pseudonyms cannot be linked. When an issuer gives you one, it will appear here.")


def auto_lock_explained() -> str:
    return _("After this many minutes without keyboard or mouse use, Medwallet locks itself: the wallet is "
             "closed, decrypted copies are deleted and the passphrase is needed again. 0 turns this off.")


def revoke_all(count: int, institutions: list[str]) -> tuple[str, str]:
    names = ", ".join(institutions) if institutions else _("no institution")
    return (_("Revoke all {count} consent(s) in force and share from fresh keys from now on?").format(count=count),
            _("Institutions: {names}. Every next read under these consents is refused and appears in your "
              "access log; what was already read stays with the institution. The revocations reach the ledger "
              "together, so its nodes can tell they came from one patient. New consents use new pseudonyms "
              "and new copies of your records.").format(names=names))
