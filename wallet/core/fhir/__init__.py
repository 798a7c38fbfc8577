"""FHIR interoperability: import patient Bundles, export consents, the access log and
the provenance of what a clinic reads.

Validation uses ``fhir.resources`` with its R4B models (FHIR 4.3, the closest to R4 it
ships; see :mod:`.validate`). Modules:

* :mod:`.bundle_import` — a Bundle as one record or one record per resource;
* :mod:`.bundle_export` — records back out as one Bundle;
* :mod:`.consent_export` — each grant as an IHE PCF Consent;
* :mod:`.audit_export` — each access or refusal as an IHE BALP AuditEvent, the log as a Bundle;
* :mod:`.provenance` — the Provenance a clinic desk writes beside a FHIR record it read.

Importing this package is cheap: the FHIR models load on first use.
"""
