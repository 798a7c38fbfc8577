"""PDF for patients who print: the access log and a records summary (fpdf2).

Both are plain, accessible documents (real text, a document title and language, tables
with header rows, page numbers): the access log lists every verified event (who, which
record, why, the outcome, the ledger block and transaction); the summary lists the
records and, from the FHIR ones, the problems, allergies, medications, immunizations and
recent results, the way an International Patient Summary groups them. Text uses DejaVu
Sans when the system has it (every script it covers), else the PDF core font with the
characters it lacks replaced.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fpdf import FPDF

from .atomic_file import atomic_write
from .audit import trail
from .consent.references import own_resources
from .fhir.describe import title_for
from .fhir.ips import SECTIONS, section_of
from .records import library
from .wallet import Wallet

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
              "/Library/Fonts/DejaVuSans.ttf", "C:/Windows/Fonts/DejaVuSans.ttf")
OUTCOME = {"access": "read", "refusal": "refused", "attempt": "passcode right"}


class _Doc(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        self.set_title(title)
        self.set_lang("en")
        self.set_creator("Medwallet")
        self.set_auto_page_break(True, margin=15)
        font = next((p for p in FONT_PATHS if Path(p).exists()), None)
        if font:
            self.add_font("Body", "", font)
            self.add_font("Body", "B", Path(font).with_name("DejaVuSans-Bold.ttf")
                          if Path(font).with_name("DejaVuSans-Bold.ttf").exists() else font)
            self._family, self._unicode = "Body", True
        else:
            self._family, self._unicode = "Helvetica", False
        self.add_page()
        self.set_font(self._family, "B", 16)
        self.cell(0, 10, self.safe(title), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self._family, "", 9)
        self.cell(0, 6, self.safe(f"Printed {time.strftime('%Y-%m-%d %H:%M')} from your Medwallet"),
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def safe(self, value: Any) -> str:
        text = "" if value is None else str(value)
        return text if self._unicode else text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self._family, "", 8)
        self.cell(0, 8, self.safe(f"{self.doc_title} - page {self.page_no()}/{{nb}}"), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self._family, "B", 12)
        self.cell(0, 8, self.safe(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self._family, "", 9)

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, 5, self.safe(text), new_x="LMARGIN", new_y="NEXT")

    def rows(self, headers: list[str], rows: list[list[Any]], widths: tuple[int, ...]) -> None:
        self.set_font(self._family, "", 8)
        with self.table(col_widths=widths, text_align="LEFT", first_row_as_headings=True) as table:
            head = table.row()
            for h in headers:
                head.cell(self.safe(h))
            for values in rows:
                row = table.row()
                for v in values:
                    row.cell(self.safe(v))
        self.set_font(self._family, "", 9)

    def save(self, out: Path) -> Path:
        atomic_write(out, bytes(self.output()), mode=0o600)
        return out


def _when(ts: int | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else ""


def access_log_pdf(wallet: Wallet, out: Path, *, refresh: bool = True) -> Path:
    """The access log: every event stored (after a refresh from the ledger when ``refresh``)."""
    if refresh:
        trail.refresh(wallet)
    events = trail.events(wallet)
    envelopes = {g["envelope"] for g in wallet.db.query("SELECT envelope FROM grants WHERE envelope IS NOT NULL")}
    doc = _Doc("Who accessed my medical records")
    doc.paragraph("Each line is an event recorded on the ledger and verified by this wallet with a Merkle "
                  "inclusion proof against the ledger's signed block headers. 'refused' means the network "
                  "did not let the read happen.")
    doc.heading(f"{len(events)} event(s)")
    rows = [[_when(e["time"]), e["requester_name"] or e["requester"][:16],
             e.get("title") or ("the record keys of your consent" if e["record"] in envelopes else e["record"][:16]),
             e["purpose"], OUTCOME.get(e["kind"], e["kind"]) + ("" if e["kind"] == "access" else f" ({e['reason']})"),
             f"{e['height']} / {e['tx'][:12]}"] for e in events]
    if rows:
        doc.rows(["When", "Who", "Record", "Purpose", "Outcome", "Block / transaction"], rows, (24, 40, 44, 20, 32, 30))
    else:
        doc.paragraph("No one has accessed your records.")
    return doc.save(Path(out))


def records_summary_pdf(wallet: Wallet, out: Path) -> Path:
    """A records summary: the health summary from the FHIR records, then every record."""
    doc = _Doc("My medical records - summary")
    resources = own_resources(wallet)
    by_section: dict[str, list[str]] = {}
    for item in resources:
        code = section_of(item["resource"])
        if code:
            by_section.setdefault(code, []).append(_title(item))
    for code, title, _, required in SECTIONS:
        if by_section.get(code) or required:
            doc.heading(title)
            items = by_section.get(code) or ["No information in your wallet."]
            for line in items[:200]:
                doc.paragraph(f"- {line}")
    records = library.list_records(wallet)
    doc.heading(f"All records ({len(records)})")
    doc.rows(["Title", "Type", "Date", "Size"],
             [[r["title"], r["fhir_type"] or r["media_type"] or r["category"], r["record_date"] or "",
               f"{r['size'] // 1024 + 1} KiB"] for r in records], (100, 35, 25, 20))
    return doc.save(Path(out))


def _title(item: dict[str, Any]) -> str:
    try:
        return str(title_for(item["resource"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return str(item["title"])
