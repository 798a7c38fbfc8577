"""Consent: the patient grants an institution access to records and revokes it.

* :mod:`.grants`: grant (records copied for the institution, a key envelope, the consent
  transaction), revoke, list;
* :mod:`.envelope`: the key envelope sealed to the institution;
* :mod:`.grant_code`: the grant's short code (what the QR code holds);
* :mod:`.qr`: the code as a QR image, and read back from images;
* :mod:`.research`: a de-identified copy granted to a research institution;
* :mod:`.deidentify`: HIPAA Safe Harbor de-identification of FHIR resources.
"""
