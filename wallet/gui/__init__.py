"""The desktop face of Medwallet (PySide6): thin views over :mod:`wallet.core`.

Nothing here decides anything a test without Qt could check: flows live in the core
(``wallet.core.onboarding`` ...), work runs off the GUI thread through :mod:`.ops`, core
events arrive through :mod:`.bridge`, and every error is shown by :func:`.errors.show_error`.
"""
