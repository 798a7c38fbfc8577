"""Checking a whole FHIR document before it is stored as one record.

A single resource is validated with its model (:mod:`.validate`); a Bundle is checked
whole, every entry included (:mod:`.bundle_reader`), and the first problems are named by
path (``Bundle.entry[17].resource``).
"""

from __future__ import annotations

from typing import Any

from .bundle_reader import check_bundle_doc
from .describe import clinical_date
from .validate import FHIR_VERSIONS, MAX_REASONS, R4, InvalidFhir, Problem, resource_problems


def check_fhir(doc: dict[str, Any], release: str = R4) -> tuple[str, str | None]:
    """Validate a FHIR resource (a Bundle with every entry); returns its type and clinical date."""
    check_resource(doc, release)
    return doc["resourceType"], clinical_date(doc)


def check_resource(doc: Any, release: str = R4) -> None:
    """Raise :class:`~.validate.InvalidFhir` unless ``doc`` is a valid resource of ``release``."""
    is_bundle = isinstance(doc, dict) and doc.get("resourceType") == "Bundle"
    if is_bundle:
        problems = check_bundle_doc(doc, release)
    else:
        problems = [Problem("", reason) for reason in resource_problems(doc, release=release)]
    if problems:
        shown = "; ".join(str(p) for p in problems[:MAX_REASONS])
        more = f" (and {len(problems) - MAX_REASONS} more)" if len(problems) > MAX_REASONS else ""
        hint = " Import it as a FHIR bundle to keep its valid entries." if is_bundle else ""
        name = f"FHIR {release} ({FHIR_VERSIONS[release]})"
        raise InvalidFhir(f"This file is not valid {name}: {shown}{more}."[:600] + hint, detail=(shown + more)[:600])
