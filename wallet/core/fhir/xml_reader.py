"""FHIR XML, read as FHIR: parsed safely and turned into the JSON form, element by element.

The R4 XML format (https://hl7.org/fhir/R4/xml.html) puts a primitive's value in a
``value`` attribute, an element's ``id`` and an extension's ``url`` in attributes,
repeats an element for each list item, wraps a contained or entry resource in an element
named after it, and carries the narrative as XHTML. Which elements are lists and what
JSON type a primitive takes are in the R4 tables (:mod:`.r4`), so the JSON built here is
the one the XML denotes; it is then validated like any FHIR JSON. Unknown elements are
reported with their path, never dropped.

Parsing goes through ``defusedxml`` (no entity expansion, no external entities, no DTD):
a file from outside cannot make the reader fetch anything or blow up in memory.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element, tostring

from .validate import InvalidFhir

NS = "{http://hl7.org/fhir}"
XHTML = "{http://www.w3.org/1999/xhtml}"
MAX_XML_BYTES = 64 * 1024 * 1024


def is_fhir_xml(head: bytes) -> bool:
    """True when the first bytes look like an XML document in the FHIR namespace."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and b"http://hl7.org/fhir" in head[:2048]


def parse_xml(data: bytes) -> dict[str, Any]:
    """FHIR XML bytes → the resource as FHIR JSON; :class:`InvalidFhir` naming the first problems."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise InvalidFhir("This XML file declares a DTD or entities, which FHIR XML never does; it was not read.",
                          detail="DTD or entity declaration") from None
    except SyntaxError as exc:  # ParseError
        raise InvalidFhir(f"This file is not well-formed XML: {exc}."[:300], detail="XML syntax") from None
    problems: list[str] = []
    doc = _resource(root, problems, "")
    if problems:
        shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
        raise InvalidFhir(f"This file is not valid FHIR R4 XML: {shown}."[:600], detail=shown[:600])
    return doc


def _resource(elem: Element, problems: list[str], path: str) -> dict[str, Any]:
    from . import r4

    if not elem.tag.startswith(NS):
        problems.append(f"{path or elem.tag}: not in the FHIR namespace (http://hl7.org/fhir)")
        return {}
    rtype = elem.tag[len(NS):]
    where = f"{path}.{rtype}" if path else rtype
    cls = r4.resource_class(rtype)
    if cls is None:
        problems.append(f"{where}: {rtype!r} is not a FHIR R4 resource type")
        return {"resourceType": rtype}
    doc: dict[str, Any] = {"resourceType": rtype}
    _children(elem, cls, doc, problems, where)
    return doc


def _children(elem: Element, cls: type, out: dict[str, Any], problems: list[str], path: str) -> None:
    from . import r4

    props = r4.properties(cls)
    for attr in ("id", "url"):
        if attr in elem.attrib and attr in props:
            out[attr] = elem.attrib[attr]
    for child in elem:
        if not child.tag.startswith(NS):
            if child.tag == f"{XHTML}div" and "div" in props:
                out["div"] = tostring(child, encoding="unicode", short_empty_elements=True)
                continue
            problems.append(f"{path}: unexpected element {child.tag}")
            continue
        name = child.tag[len(NS):]
        prop = props.get(name)
        if prop is None:
            problems.append(f"{path}.{name}: unknown element (not in FHIR R4)")
            continue
        value, extension = _value(child, prop, problems, f"{path}.{name}")
        _put(out, name, value, extension, prop.is_list)


def _put(out: dict[str, Any], name: str, value: Any, extension: dict[str, Any] | None, is_list: bool) -> None:
    if not is_list:
        if value is not None:
            out[name] = value
        if extension:
            out["_" + name] = extension
        return
    values = out.setdefault(name, [])
    values.append(value)
    if extension or "_" + name in out:
        exts = out.setdefault("_" + name, [None] * (len(values) - 1))
        exts.append(extension)


def _value(child: Element, prop: Any, problems: list[str], path: str) -> tuple[Any, dict[str, Any] | None]:
    from . import r4

    typ = prop.type
    if typ.__name__ == "Resource":
        inner = list(child)
        if len(inner) != 1:
            problems.append(f"{path}: must wrap exactly one resource")
            return None, None
        return _resource(inner[0], problems, path), None
    if isinstance(typ, type) and typ.__module__.startswith("fhirclient.models") and typ.__name__ not in r4._FORMATS:
        sub: dict[str, Any] = {}
        _children(child, typ, sub, problems, path)
        return sub, None
    raw = child.attrib.get("value")
    extension: dict[str, Any] = {}
    if "id" in child.attrib:
        extension["id"] = child.attrib["id"]
    for ext in child:
        if ext.tag == f"{NS}extension":
            from fhirclient.models.extension import Extension

            item: dict[str, Any] = {}
            _children(ext, Extension, item, problems, f"{path}.extension")
            extension.setdefault("extension", []).append(item)
        else:
            problems.append(f"{path}: a primitive holds only extensions, not {ext.tag}")
    return (_primitive(raw, typ, problems, path) if raw is not None else None), (extension or None)


def _primitive(raw: str, typ: type, problems: list[str], path: str) -> Any:
    if typ is bool:
        if raw not in ("true", "false"):
            problems.append(f"{path}: must be true or false, not {raw[:40]!r}")
        return raw == "true"
    if typ is int:
        try:
            return int(raw)
        except ValueError:
            problems.append(f"{path}: must be an integer, not {raw[:40]!r}")
            return raw
    if typ is float:
        try:
            return Decimal(raw)
        except InvalidOperation:
            problems.append(f"{path}: must be a number, not {raw[:40]!r}")
            return raw
    return raw
