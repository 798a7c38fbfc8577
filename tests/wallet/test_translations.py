"""Every text of the window, the core's catalogue and the command line has a finished French
and Dutch translation that keeps its placeholders, and the translation files are current (a
text added to the code without ``make translations`` fails here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .i18n_files import LANGS, ROOT, TRANSLATIONS, Entry, placeholders, po_entries, ts_entries, venv_tool

QT_FREE = True


def _files(kind: str) -> list[tuple[str, list[Entry]]]:
    if kind == "ts":
        return [(lang, ts_entries(TRANSLATIONS / f"medwallet_{lang}.ts")) for lang in LANGS]
    return [(lang, po_entries(TRANSLATIONS / f"{lang}.po")) for lang in LANGS]


@pytest.mark.parametrize("kind", ["ts", "po"])
def test_every_text_is_translated_in_both_languages(kind):
    counts = {}
    for lang, entries in _files(kind):
        assert entries, f"{lang}.{kind} is empty"
        untranslated = [e.source for e in entries if not e.finished or not all(t.strip() for t in e.translations)]
        assert untranslated == [], f"{lang}.{kind}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
        plural = [e.source for e in entries if e.plural is not None and len(e.translations) != 2]
        assert plural == [], f"{lang}.{kind}: French and Dutch have two plural forms: {plural[:3]}"
        counts[lang] = len(entries)
    assert counts["fr"] == counts["nl"]
    print(kind, counts)


@pytest.mark.parametrize("kind", ["ts", "po"])
def test_translations_keep_their_placeholders(kind):
    for lang, entries in _files(kind):
        for entry in entries:
            wanted = placeholders(entry.source) | placeholders(entry.plural or "")
            for text in entry.translations:
                assert placeholders(text) == wanted, f"{lang}.{kind}: {entry.source!r} -> {text!r}"


def test_translations_are_different_from_english_where_it_matters():
    """A translation copied from the English (a forgotten one) shows up here: only names,
    formats and codes may stay as they are."""
    same_ok = {"Medwallet", "JSON", "XML", "PDF (*.pdf)", "JSON (*.json)", "FHIR JSON (*.json)", "FHIR {type}",
               "{label} (Ctrl+{n})", " min", "ID", "Patient", "Details", "online", "offline: {why}", "Status",
               "Status:", "Document", "Help", "Sections", "Type", "TYPE", "DATE", "STATUS", "options", "Date",
               "Attestation", "Medwallet clinic desk", "&Camera…", "&Label:", "&Link:", "Camera…", "Clinic",
               "argument %(argument_name)s: %(message)s", "Network {network}.", "Records:", "Records"}
    for lang, entries in _files("ts") + _files("po"):
        copied = [e.source for e in entries if e.translations[0] == e.source and e.source not in same_ok
                  and len(e.source) > 3]
        assert copied == [], f"{lang}: left in English: {copied[:5]}"


def test_ts_files_hold_every_text_of_the_window(tmp_path):
    """lupdate over the window's code finds no text the committed .ts files lack."""
    fresh = tmp_path / "medwallet_fr.ts"
    sources = sorted(str(p) for p in (ROOT / "wallet" / "gui").glob("*.py"))
    subprocess.run([venv_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-tr-function-alias",
                    "tr+=_,QT_TR_NOOP+=N_", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {e.source for e in ts_entries(fresh)}
    have = {e.source for e in ts_entries(TRANSLATIONS / "medwallet_fr.ts")}
    assert len(wanted) > 500
    assert wanted - have == set(), "run make translations: texts missing from the .ts files"
    assert have - wanted == set(), "run make translations: the .ts files hold texts the code no longer has"


def test_po_files_hold_every_text_of_the_catalogue_and_the_command_line(tmp_path):
    pot = tmp_path / "medwallet.pot"
    subprocess.run([venv_tool("pybabel"), "-q", "extract", "--no-location", "-k", "N_", "-k", "_", "-k", "tr",
                    "-k", "trn:1,2", "-k", "ngettext:1,2", "-o", str(pot), "wallet/core", "wallet/cli",
                    "ledger_client/console.py"], cwd=ROOT, check=True, capture_output=True)
    wanted = {e.source for e in po_entries(pot)}
    for lang in LANGS:
        have = {e.source for e in po_entries(TRANSLATIONS / f"{lang}.po")}
        assert wanted - have == set(), f"run make translations: texts missing from {lang}.po"


def test_catalogue_texts_are_in_the_po_files():
    from wallet.core.texts import CATALOGUE

    have = {e.source for e in po_entries(TRANSLATIONS / "fr.po")}
    assert set(CATALOGUE.values()) - have == set()


def test_no_window_code_imports_in_the_catalogue():
    """The core's catalogue and its translation run without Qt (the CLI and the daemon use them)."""
    code = "import sys, wallet.core.texts, wallet.core.errors; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
