"""The window's "Revoke all…" action: confirm, then revoke every consent in force in one
batch and retire the relationship pseudonyms (:mod:`wallet.core.consent.revoke_all`)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ..core.consent import revoke_all
from . import messages
from .context import ViewContext
from .i18n import _
from .ops import Op


class RevokeAllAction:
    """Runs the flow for one view; ``status`` is the label that tells the patient the outcome."""

    def __init__(self, parent: QWidget, ctx: ViewContext, status: QLabel) -> None:
        self.parent, self.ctx, self.status = parent, ctx, status

    def start(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self.parent, lambda ctx: revoke_all.in_force(wallet), serial=False).success(self._confirm).run()

    def _confirm(self, rows: list[dict]) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        question, explanation = messages.revoke_all(len(rows), sorted({r["institution_name"] for r in rows}))
        explanation += "\n\n" + _(revoke_all.PHRASE_ADVICE)
        if not self.ctx.dialogs.confirm(self.parent, _("Revoke all"), question, ok_label=_("Revoke all"),
                                        informative=explanation):
            return
        Op(self.parent, lambda ctx: revoke_all.revoke_all(wallet)).success(self._done).run()

    def _done(self, result: revoke_all.RevokeAllResult) -> None:
        self.status.setText(_("Revoked {n} consent(s) in one batch. New consents use fresh pseudonyms.").format(
            n=len(result.revoked)))
