"""The grant dialog's preview panel: before signing, what the institution will receive and learn
and what the ledger will learn (:mod:`wallet.core.consent.preview`), refreshed as the choice changes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..core.consent import preview
from .i18n import _
from .ops import Op


class ConsentPreviewPanel(QLabel):
    """Rich text built from a :class:`~wallet.core.consent.preview.ConsentPreview`; empty until a choice is made."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentPreview")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(_("What this consent shares"))
        self.shown: preview.ConsentPreview | None = None
        self._generation = 0

    def update_for(self, wallet, institution: str | None, records: list[str], purpose: str, expires_at: int) -> None:
        self._generation += 1
        generation = self._generation
        if wallet is None or institution is None or not records:
            self.shown = None
            self.clear()
            return
        Op(self, lambda ctx: preview.preview(wallet, institution, records, purpose, expires_at),
           serial=False).success(lambda p: self._show(p, generation)).failure(lambda _e: self.clear()).run()

    def _show(self, shown: preview.ConsentPreview, generation: int) -> None:
        if generation != self._generation:
            return  # the choice changed meanwhile
        self.shown = shown
        items = []
        for record in shown.records:
            kinds = ", ".join(f"{kind} × {n}" for kind, n in record.resource_types.items())
            line = escape(record.title) + f" <i>({escape(record.category)}" + (
                f", {escape(record.record_date)}" if record.record_date else "") + ")</i>"
            items.append(line + (f"<br/>{escape(_('FHIR resources'))}: {escape(kinds)}" if kinds else ""))
        self.setText(
            f"<b>{escape(_('{name} will receive').format(name=shown.institution_name))}</b>" + _list(items)
            + f"<b>{escape(_('{name} will learn').format(name=shown.institution_name))}</b>"
            + _list([escape(_(s)) for s in shown.institution_learns])
            + f"<b>{escape(_('The ledger will learn'))}</b>" + _list([escape(_(s)) for s in shown.ledger_learns])
            + f"<b>{escape(_('The ledger will not learn'))}</b>"
            + _list([escape(_(s)) for s in shown.ledger_never_learns]))


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
