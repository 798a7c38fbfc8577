"""SMART Health Links: reading them (desk, CLI) and sharing through the ledger\x27s nodes."""
