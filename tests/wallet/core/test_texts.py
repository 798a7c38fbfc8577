"""The core's catalogue: every typed error has its text under its code, the faces show it
translated with its parameters, and an error raised with words of its own keeps them."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import ledger_client
import wallet
from ledger_client.errors import AccessDenied, LedgerError, NodeUnavailable
from wallet.core import texts
from wallet.core.errors import GrantCodeProblem, InvalidGrantCode, WalletError, WrongPassphrase

from ..i18n_files import build_catalogues


@pytest.fixture(scope="module", autouse=True)
def compiled():
    build_catalogues()
    yield
    texts.use_language("en")


def _error_classes() -> list[type[BaseException]]:
    for package in (wallet, ledger_client):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".gui" in info.name or info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)
    found, todo = [], [WalletError, LedgerError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [c for c in found if "tests" not in c.__module__]


def test_every_typed_error_has_a_catalogue_text():
    classes = _error_classes()
    assert len(classes) > 80
    missing = sorted({f"{c.__module__}.{c.__name__} ({c.code})" for c in classes if c.code not in texts.CATALOGUE})
    assert missing == []


def test_a_wallet_error_says_the_catalogue_text_of_its_code():
    assert WrongPassphrase().message == texts.CATALOGUE["wrong_passphrase"]
    expired = InvalidGrantCode(GrantCodeProblem.EXPIRED)
    assert expired.message == "This grant code has expired. Ask the patient for a new one."


@pytest.mark.parametrize("lang, words", [("fr", "phrase secrète n'est pas correcte"), ("nl", "wachtzin is niet juist")])
def test_the_error_is_shown_translated(lang, words):
    texts.use_language(lang)
    assert words in texts.error_text(WrongPassphrase())
    assert texts.error_text(NodeUnavailable()) != NodeUnavailable().message  # the client's own errors too


def test_parameters_are_filled_in_the_translation():
    from wallet.cli.common import PhraseCheckFailed

    exc = PhraseCheckFailed(key="phrase_check_failed.word", params={"position": 7})
    assert exc.message.startswith("Word 7 does not match.")
    texts.use_language("fr")
    assert texts.error_text(exc).startswith("Le mot 7 ne correspond pas.")
    texts.use_language("nl")
    assert texts.error_text(exc).startswith("Woord 7 komt niet overeen.")
    texts.use_language("fr")
    assert texts.error_text(InvalidGrantCode(GrantCodeProblem.TRUNCATED)) == \
        "Le code d'autorisation est incomplet. Lisez-le à nouveau."


def test_an_error_with_words_of_its_own_keeps_them():
    """Never a vaguer text in place of what the error says: its own words, in English."""
    texts.use_language("fr")
    exc = WalletError("settings.json line 3: expected a number")
    assert texts.error_text(exc) == "settings.json line 3: expected a number"
    assert texts.error_text(ValueError("plain")) == "plain"


def test_contract_reasons_are_translated():
    from ledger_client.contract import REASON_TEXT

    assert {f"reason.{code}" for code in REASON_TEXT} <= set(texts.CATALOGUE)
    assert all(texts.CATALOGUE[f"reason.{code}"] == text for code, text in REASON_TEXT.items())
    texts.use_language("nl")
    assert texts.reason_text("consent_revoked") == "de patiënt heeft deze toestemming ingetrokken"
    assert texts.reason_text("something_new") == "something_new"
    assert AccessDenied(code="consent_revoked").reason == "consent_revoked"


def test_an_unknown_language_falls_back_to_english():
    assert texts.use_language("xx") == "en"
    assert texts.error_text(WrongPassphrase()) == WrongPassphrase().message
    assert texts.use_language("fr") == "fr"


def test_delegation_and_emergency_texts_follow_the_contracts():
    """The delegation contract's reasons and an emergency request's statuses are in the catalogue,
    word for word, so a refusal or a status read from the ledger is shown translated."""
    from ledger_client import delegation, emergency

    assert all(texts.CATALOGUE[f"reason.{code}"] == text for code, text in delegation.REASON_TEXT.items())
    assert all(texts.CATALOGUE[f"emergency_status.{code}"] == text for code, text in emergency.STATUS_TEXT.items())
    texts.use_language("fr")
    assert texts.emergency_status("pending") == "en attente de la fin du délai ou de l'approbation du patient"
    assert texts.delegation_status("revoked") == "révoquée"
    assert texts.emergency_status("something_new") == "something_new"


def test_delegation_and_emergency_errors_are_shown_translated():
    from ledger_client.emergency_shares import NotEnoughShares
    from ledger_client.errors import DelegationRefused, EmergencyNotAllowed
    from wallet.core.delegation.patient import DelegationError
    from wallet.core.emergency.requester import NotOpenYet

    texts.use_language("nl")
    assert texts.error_text(DelegationRefused()).startswith("De machtiging staat dit niet toe")  # a docstring's text
    refused = DelegationRefused("the delegation does not allow consents for this purpose", code="purpose_not_delegated")
    assert texts.error_text(refused) == "de machtiging staat geen toestemmingen voor dit doel toe"
    assert texts.error_text(EmergencyNotAllowed()).startswith("Het noodbeleid van het netwerk")
    assert texts.error_text(NotEnoughShares()).startswith("Te weinig knooppunten")
    named = DelegationError(key="delegation_error.name", params={"max": 80})
    assert named.message == "Give the delegate a name of 1 to 80 characters."
    assert texts.error_text(named) == "Geef de gemachtigde een naam van 1 tot 80 tekens."
    texts.use_language("fr")
    pending = NotOpenYet(key="emergency_not_open.status", params={"status": "the patient vetoed it"})
    assert texts.error_text(pending) == "La demande d'urgence n'est pas ouverte : the patient vetoed it."
    assert texts.error_text(refused) == "la délégation n'autorise pas de consentement pour cette finalité"


def test_a_delegated_event_keeps_english_for_json_and_is_shown_translated():
    from wallet.core.delegation.audit import DelegatedEvent

    event = DelegatedEvent("t" * 64, "delegated_grant", "c" * 64, "d" * 64, "Mum", "g" * 64, "treatment", 3, 0,
                           "granted by Mum for you: Clinic A, treatment", wording="granted", grantee_name="Clinic A")
    assert event.to_json()["text"] == "granted by Mum for you: Clinic A, treatment"
    texts.use_language("fr")
    assert event.shown() == "accordé par Mum pour vous : Clinic A, Traitement médical"


@pytest.mark.parametrize("lang, you, unknown", [("fr", "Vous (ce portefeuille)", "Établissement inconnu"),
                                                 ("nl", "U (deze portemonnee)", "Onbekende instelling")])
def test_the_cores_stand_in_names_are_shown_translated_and_real_names_untouched(lang, you, unknown):
    """The audit trail keeps English names (JSON, logs); the faces show them in the patient's language.
    An institution's own name is never translated, even one that only looks like a word."""
    assert texts.english("party.you") == "You (this wallet)"
    texts.use_language(lang)
    assert texts.party_name("You (this wallet)") == you
    assert texts.party_name("Unknown institution") == unknown
    assert texts.party_name("Clinic A") == "Clinic A"
    assert texts.party_name("you (this wallet)") == "you (this wallet)"


@pytest.mark.parametrize("lang, words", [("fr", "première lecture par Demandeur inconnu"),
                                         ("nl", "eerste keer gelezen door Onbekende aanvrager")])
def test_an_alert_speaks_the_chosen_language_and_its_json_stays_english(lang, words):
    from wallet.core.audit.alerts import Alert
    alert = Alert(rule="first_read", tx="t" * 64, requester="r" * 64, requester_name="", time=0)
    texts.use_language(lang)
    try:
        assert alert.words == words
        assert alert.text == "first read by Unknown requester"
        assert all(f"alert.{rule}" in texts.CATALOGUE for rule in ("first_read", "unusual_hours", "burst",
                                                                  "repeated_refusals", "emergency"))
    finally:
        texts.use_language("en")
