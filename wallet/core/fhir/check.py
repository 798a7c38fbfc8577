"""Checking a whole FHIR document before it is stored as one record.

A single resource is validated with its model (:mod:`.validate`); a Bundle is checked
whole, every entry included (:mod:`.bundle_reader`), and the first problems are named by
path (``Bundle.entry[17].resource``).
"""

from __future__ import annotations

from typing import Any

from .bundle_reader import check_bundle_doc
from .describe import clinical_date
from .validate import MAX_REASONS, InvalidFhir, Problem, resource_problems


def check_fhir(doc: dict[str, Any]) -> tuple[str, str | None]:
    """Validate a FHIR R4 resource (a Bundle with every entry); returns its type and clinical date."""
    check_resource(doc)
    return doc["resourceType"], clinical_date(doc)


def check_resource(doc: Any) -> None:
    """Raise :class:`~.validate.InvalidFhir` unless ``doc`` is a valid R4 resource."""
    is_bundle = isinstance(doc, dict) and doc.get("resourceType") == "Bundle"
    if is_bundle:
        problems = check_bundle_doc(doc)
    else:
        problems = [Problem("", reason) for reason in resource_problems(doc)]
    if problems:
        shown = "; ".join(str(p) for p in problems[:MAX_REASONS])
        more = f" (and {len(problems) - MAX_REASONS} more)" if len(problems) > MAX_REASONS else ""
        hint = " Import it as a FHIR bundle to keep its valid entries." if is_bundle else ""
        raise InvalidFhir(f"This file is not valid FHIR R4: {shown}{more}."[:600] + hint, detail=(shown + more)[:600])
