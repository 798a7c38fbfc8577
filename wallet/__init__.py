"""Medwallet, the patient-held medical-data wallet: a Qt-free core and thin GUI and CLI over it."""

from ._version import __version__

__all__ = ["__version__"]
