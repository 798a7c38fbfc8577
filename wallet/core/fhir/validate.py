"""FHIR validation, one resource at a time, problems as paths: strict R4 or named R4B.

Two releases, chosen by the network (its genesis policy ``fhir_release``; R4 unless it
says R4B):

* **R4** (FHIR 4.0.1, the default): the structure is checked against the R4 tables of
  the SMART on FHIR models (:mod:`.r4`: resource types, element names, types,
  cardinality, choices, date formats), and, for the types R4B left unchanged, the
  ``fhir.resources`` R4B model adds the primitive formats (id, code, uri, decimal...).
  An R4B-only type (``Citation``...) is refused as not R4; a valid R4 ``Evidence`` passes.
* **R4B** (FHIR 4.3.0, named as such): the ``fhir.resources`` R4B models alone.

Both check what the release requires (required elements, data types, primitive formats,
one value per choice element, no unknown elements) and nothing more: extensions and
profile claims (US Core...) pass untouched. FHIRPath invariants and terminology
bindings are not checked.
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
R4, R4B = "R4", "R4B"
RELEASES = (R4, R4B)
FHIR_VERSIONS = {R4: "4.0.1", R4B: "4.3.0"}


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


def resource_problems(doc: Any, path: str = "", release: str = R4) -> list[str]:
    """Reasons ``doc`` is not a valid resource of ``release`` (empty when it is).

    ``path`` prefixes the element paths in the reasons (e.g. ``Bundle.entry[3].resource``).
    """
    if not isinstance(doc, dict):
        return ["a resource must be a JSON object"]
    rtype = doc.get("resourceType")
    if not isinstance(rtype, str) or not _RESOURCE_TYPE.match(rtype):
        return ["resourceType is missing or not a FHIR resource name"]
    if release == R4:
        return _r4_problems(doc, rtype)
    if release != R4B:
        raise ValueError(f"unknown FHIR release {release!r}")
    cls = model_class(rtype)
    if cls is None:
        hint = " (it is an R4 type that R4B dropped)" if rtype in R4_ONLY_TYPES else ""
        return [f"{rtype} is not a FHIR R4B resource type{hint}"]
    return _model_problems(cls, doc, rtype)


def _r4_problems(doc: dict[str, Any], rtype: str) -> list[str]:
    from . import r4

    problems = r4.problems(doc)
    if problems:
        shown = problems[:MAX_REASONS]
        return shown + ([f"and {len(problems) - MAX_REASONS} more"] if len(problems) > MAX_REASONS else [])
    if rtype in r4.R4B_DIFFERS:
        return _structural(doc)
    cls = model_class(rtype)
    return _model_problems(cls, doc, rtype) if cls is not None else []


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
    errors = exc.errors(include_url=False, include_input=True)
    reasons = [f"{element_path(rtype, err['loc'])}: {_wording(err)}" for err in errors[:MAX_REASONS]]
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


_WORDS = {"extra_forbidden": "unknown element (not in FHIR {release})", "missing": "required element missing"}


def _wording(err: Any) -> str:
    """A validator's error in plain words, with the bad value (shortened) where there is one."""
    kind = err.get("type", "")
    if kind in _WORDS:
        return _WORDS[kind].format(release=R4B)
    value = err.get("input")
    shown = "" if isinstance(value, dict | list) or value is None else f" (found {shown_value(value)})"
    return _message(err["msg"]) + shown


def shown_value(value: Any) -> str:
    """A bad value as a message shows it: repr, at most 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


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


def require_valid(doc: dict[str, Any], release: str = R4) -> dict[str, Any]:
    """``doc`` itself if it validates; :class:`FhirExportError` (a Medwallet bug) if not."""
    problems = resource_problems(doc, release=release)
    if problems:
        raise FhirExportError(detail="; ".join(problems)[:600])
    return doc
