"""Real files for the wallet tests: a PDF and a FHIR Observation carrying a marker that
must never reach a node's disk, and a helper that damages a file by one bit."""

from __future__ import annotations

import json
import os
from pathlib import Path

MARKER = b"PATIENT-NAME-Jane-Q-Example-MARKER"


def write_pdf(path: Path, size: int = 300_000) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + MARKER + os.urandom(size))
    return path


def write_fhir(path: Path) -> Path:
    doc = {"resourceType": "Observation", "id": "bp-1", "status": "final",
           "subject": {"display": MARKER.decode()}, "code": {"text": "Blood pressure"},
           "effectiveDateTime": "2024-03-05T10:00:00Z"}
    path.write_text(json.dumps(doc))
    return path


def flip(path: Path) -> None:
    """Flip one bit in the middle of ``path``."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
