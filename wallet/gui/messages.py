"""The long texts of the GUI, in one place for translators (short labels stay in the views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formatting import when
from .i18n import _

if TYPE_CHECKING:
    from ..core.consent.research import Preview
    from ..core.credentials.holder import RequestSummary
    from ..core.importing import ImportReport


def delete_record(title: str) -> tuple[str, str]:
    return (_("Delete “{title}” for good?").format(title=title),
            _("Medwallet removes this record and every copy you shared from every node of the network, "
              "narrows or ends every consent that covers it (the ledger never releases its key to anyone "
              "again), records the deletion in your access log, and forgets its title, file name, size and "
              "dates on this computer.\n\nThis is not crypto-shredding: a copy of the encrypted data taken "
              "earlier (a backup of a node, a copy of your wallet folder) still opens with your recovery "
              "phrase. Institutions that already read the record keep what they read. The ledger keeps the "
              "fact that a record existed and who read it, never its content. This cannot be undone."))


def imported(report: ImportReport) -> str:
    """What importing one file did, as the records view says it."""
    if not report.records and report.duplicates:
        return _("{name} is already in your wallet; nothing was added.").format(name=report.path.name)
    if not report.is_bundle or (len(report.records) == 1 and report.kind != "bundle"):
        return _("“{title}” is encrypted and stored safely.").format(title=report.records[0].title)
    text = _("{name}: FHIR bundle of {entries} entries, kept whole as one record, encrypted and stored "
             "safely.").format(name=report.path.name, entries=report.entries)
    if report.problems:
        text += " " + _("%n invalid entries are kept in the file as they are: {first}", None,
                        len(report.problems)).format(first=report.problems[0])
    return text


def deidentified_preview(preview: Preview) -> tuple[str, str]:
    """The question before a de-identified copy leaves, and what the copy keeps and removes."""
    summary = preview.summary
    types = ", ".join(f"{n} {t}" for t, n in summary.resource_types.items())
    text = _("{name}, a registered research institution, would receive a de-identified copy ({types}) under a "
             "new pseudonym used for nothing else.").format(name=preview.institution_name, types=types)
    text += "\n\n" + _("The copy keeps:") + "".join(f"\n• {_(item)}" for item in summary.kept)
    text += "\n\n" + _("It removes:") + "".join(f"\n• {_(item)}" for item in summary.removed)
    if summary.free_texts_removed:
        text += "\n\n" + _("%n free text(s) of the record are not sent as written.", None,
                                  summary.free_texts_removed)
    return _("Share this de-identified copy with {name}?").format(name=preview.institution_name), text


def revoke_consent(institution: str) -> tuple[str, str]:
    return (_("Revoke the consent given to {institution}?").format(institution=institution),
            _("From now on the ledger refuses every read under this consent, and each refusal appears in "
              "your access log. What the institution already read stays with it. To share again, "
              "give a new consent."))


def phrase_intro() -> str:
    return _("These 24 words are the only way to recover your wallet if this computer is lost. Write them "
             "down on paper, in order, and keep them somewhere safe. Anyone who has them can read your "
             "records. You can show them again later from Settings.")


def keyring_explained() -> str:
    return _("The system keyring keeps the wallet's key like a browser keeps saved passwords: the wallet "
             "opens without a question when you are logged in. An optional passphrase lets you open it on "
             "a computer whose keyring was reset.")


def passphrase_explained() -> str:
    return _("The wallet's key file is encrypted with your passphrase. You will type it each time you open "
             "Medwallet. Choose at least 8 characters; a few unrelated words are easy to remember.")


def local_node_explained() -> str:
    return _("Medwallet runs a small network of its own on this computer, started when needed. Choose this to "
             "try Medwallet, or until your care network gives you its addresses.")


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
              "access log; what was already read stays with the institution. The revocations reach the network "
              "in one request and land side by side in one block, so its nodes, and the institutions that read "
              "its blocks, can tell that the pseudonyms that gave these consents are one patient's. New consents "
              "use new pseudonyms and new copies of your records.").format(names=names))


def about(network: str, support: str, branded: bool) -> str:
    text = _("Your medical records, your consent. Records are encrypted on this computer before they leave it; "
             "every permission and every read is recorded on a ledger you can check.")
    if branded:
        text += "\n\n" + _("Built on Medwallet, free software under the MIT licence.")
    else:
        text += "\n\n" + _("Free software under the MIT licence.")
    if network:
        text += "\n\n" + _("Network in use: {network}.").format(network=network)
    if support:
        text += "\n" + _("Support: {support}.").format(support=support)
    return text


def help_sections() -> list[tuple[str, str]]:
    return [
        (_("Your records"),
         _("Import a letter, a lab result or an image with Import, or drop the file on the window. Medwallet "
           "encrypts it on this computer, keeps the encrypted copy on the network and marks it “Stored safely” "
           "once the network has recorded it.")),
        (_("Sharing with a clinic"),
         _("Under Sharing, choose New grant, the clinic, the records and until when. Medwallet shows a code: let "
           "the clinic's desk scan it, or save it as a picture. Only that clinic can read the shared copies, only "
           "until the date you chose, and you can revoke at any time.")),
        (_("Trying it on this computer"),
         _("A wallet on the network of this computer (the default) is for trying Medwallet: no clinic takes part "
           "yet, so the grant form offers to set up a clinic desk on this computer. Open it with “medwallet "
           "clinic” and let it read your code, to see the whole journey.")),
        (_("The access log"),
         _("Every read of your records, and every refusal, is recorded on the ledger and checked by Medwallet "
           "before it is shown. New ones appear within seconds, and a banner tells you who read what.")),
        (_("Your recovery phrase"),
         _("The 24 words are the only way back into your wallet if this computer is lost or you forget your "
           "passphrase. Settings shows them again once you type your passphrase. To restore, choose “Restore "
           "from a recovery phrase” when Medwallet starts, or “Forgot your passphrase?” on the lock screen.")),
        (_("Passphrase and keyring"),
         _("The system keyring opens the wallet when you log in; a passphrase opens it anywhere. Settings lets you "
           "change the passphrase and lock the wallet now.")),
    ]


def local_desk_ready(name: str) -> str:
    return _("The clinic desk “{name}” is set up on this computer and registered. Choose it in the grant form; then "
             "open the desk with “medwallet clinic” (or its menu entry) and let it read your code.").format(name=name)


def forgot_passphrase() -> tuple[str, str]:
    return (_("Restore your wallet from its 24 recovery words?"),
            _("Without the passphrase this wallet cannot be opened, but your 24 words bring it back: your records, "
              "consents and access log come back from the network. You choose a new passphrase on the way.\n\n"
              "The locked wallet's folder is kept aside, renamed, not deleted."))


def proof_request(summary: RequestSummary) -> tuple[str, str, str]:
    """The question before proving: who asks (the ledger's name for the signer) and exactly what."""
    asks = [_("see your {attribute}").format(attribute=name) for name in summary.reveal]
    asks += [_("a proof that {statement} (the value itself stays hidden)").format(statement=words)
             for words in summary.predicate_texts]
    text = _("{name} asks for: {asks}.").format(name=summary.verifier, asks="; ".join(asks))
    kind = (_("a registered {kind} institution").format(kind=summary.verifier_kind) if summary.verifier_kind
            else _("a registered institution"))
    informative = _("{name} is {kind} on your network (key {key}…); its request is signed and valid until "
                    "{until}. ").format(name=summary.verifier, kind=kind, key=summary.verifier_key[:16],
                                        until=when(summary.expires_at))
    if summary.credential is not None:
        informative += _("Your credential from {issuer} answers it; nothing else about you is shown.").format(
            issuer=summary.credential.issuer_name or _("its issuer"))
    return _("Prove this to {name}?").format(name=summary.verifier), text, informative
