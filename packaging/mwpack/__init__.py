"""Medwallet's installer builder: ``python -m mwpack`` from the packaging folder
(``make installer`` does it). Kept outside the app's packages on purpose."""
