"""FHIR validation with ``fhir.resources``: one resource at a time, problems as paths.

``fhir.resources`` 8 defaults to R5; Medwallet validates with its ``R4B`` models
(FHIR 4.3), the closest it ships to R4: the clinical resources patient portals export
(Patient, Encounter, Observation, Condition, Immunization, MedicationRequest, Procedure,
AllergyIntolerance, DiagnosticReport, DocumentReference...) are the same in R4 and R4B.
The few R4 resource types that R4B dropped (the ``MedicinalProduct*`` family and some
``Substance*`` ones) are accepted with a structural check only.

The models check what R4 requires (required elements, data types, primitive formats,
one value per choice element, no unknown elements) and nothing more: extensions,
contained resources and profile claims (US Core...) pass untouched. FHIRPath invariants
and terminology bindings are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import WalletError

if TYPE_CHECKING:  # the FHIR models (and pydantic) load on first use
    from fhir.resources.R4B.resource import Resource
    from pydantic import ValidationError

MAX_REASONS = 3
MAX_FHIR_JSON_BYTES = 64 * 1024 * 1024  # FHIR JSON larger than this is stored without being parsed
_RESOURCE_TYPE = re.compile(r"^[A-Z][A-Za-z]{1,63}$")
_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
R4_ONLY_TYPES = frozenset({
    "EffectEvidenceSynthesis", "RiskEvidenceSynthesis", "MedicinalProduct", "MedicinalProductAuthorization",
    "MedicinalProductContraindication", "MedicinalProductIndication", "MedicinalProductIngredient",
    "MedicinalProductInteraction", "MedicinalProductManufactured", "MedicinalProductPackaged",
    "MedicinalProductPharmaceutical", "MedicinalProductUndesirableEffect", "SubstanceNucleicAcid",
    "SubstancePolymer", "SubstanceProtein", "SubstanceReferenceInformation", "SubstanceSourceMaterial",
    "SubstanceSpecification",
})
FHIR_MODELS = "fhir.resources.R4B"


class InvalidFhir(WalletError):
    """This file looks like FHIR JSON but is not valid FHIR. Check that it is a complete FHIR R4 export."""

    code = "invalid_fhir"


@dataclass(frozen=True)
class Problem:
    """Why one part of a document is not valid FHIR: where (a FHIRPath-like path) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


@cache
def model_class(resource_type: str) -> type[Resource] | None:
    """The ``fhir.resources`` R4B model of a resource type, or None if it has none."""
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.resource import Resource

    try:
        cls = get_fhir_model_class(resource_type)
    except (ValueError, AttributeError):
        return None
    return cls if issubclass(cls, Resource) else None


def resource_problems(doc: Any, path: str = "") -> list[str]:
    """Reasons ``doc`` is not a valid R4 resource (empty when it is).

    ``path`` prefixes the element paths in the reasons (e.g. ``Bundle.entry[3].resource``).
    """
    if not isinstance(doc, dict):
        return ["a resource must be a JSON object"]
    rtype = doc.get("resourceType")
    if not isinstance(rtype, str) or not _RESOURCE_TYPE.match(rtype):
        return ["resourceType is missing or not a FHIR resource name"]
    cls = model_class(rtype)
    if cls is None:
        if rtype in R4_ONLY_TYPES:
            return _structural(doc)
        return [f"{rtype} is not a FHIR R4 resource type"]
    return _model_problems(cls, doc, rtype)


def _structural(doc: dict[str, Any]) -> list[str]:
    rid = doc.get("id")
    if rid is not None and (not isinstance(rid, str) or not _ID.match(rid)):
        return ["id is not a valid FHIR id"]
    return []


def _model_problems(cls: type[Resource], doc: dict[str, Any], rtype: str) -> list[str]:
    from pydantic import ValidationError

    try:
        cls.model_validate(doc)
    except ValidationError as exc:
        return _reasons(exc, rtype)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # fhir.resources raises bare errors on some shapes (e.g. an unknown contained type)
        return [f"{rtype}: {_plain(type(exc).__name__, str(exc))}"]
    return []


def _reasons(exc: ValidationError, rtype: str) -> list[str]:
    errors = exc.errors(include_url=False, include_input=False)
    reasons = [f"{element_path(rtype, err['loc'])}: {_message(err['msg'])}" for err in errors[:MAX_REASONS]]
    if len(errors) > MAX_REASONS:
        reasons.append(f"and {len(errors) - MAX_REASONS} more")
    return reasons


def element_path(rtype: str, loc: tuple[Any, ...]) -> str:
    """``('identifier', 0, 'value')`` of an Observation → ``Observation.identifier[0].value``."""
    out = rtype
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "resource_type":
            out += ".resourceType"
        elif part and not str(part).startswith(("function-", "function_")):
            out += f".{part}"
    return out


def _message(msg: str) -> str:
    msg = msg.removeprefix("Value error, ").strip()
    return " ".join(msg.split())[:200]


def _plain(kind: str, text: str) -> str:
    if kind == "KeyError":
        return f"unsupported content ({text.strip(chr(39))[:60]})"
    return " ".join(text.split())[:200] or kind


class FhirExportError(WalletError):
    """Medwallet could not build a valid FHIR export. Please report this problem."""

    code = "fhir_export"


def require_valid(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` itself if it validates; :class:`FhirExportError` (a Medwallet bug) if not."""
    problems = resource_problems(doc)
    if problems:
        raise FhirExportError(detail="; ".join(problems)[:600])
    return doc
