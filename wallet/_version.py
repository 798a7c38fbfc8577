"""The one place Medwallet's version is written (pyproject.toml and installers read it)."""

__version__ = "0.1.0"
