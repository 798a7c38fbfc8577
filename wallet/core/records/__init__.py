"""Records: a patient's files, encrypted on this computer, stored on the network, anchored
on the ledger.

* :mod:`.kinds`: what a file is, from its first bytes;
* :mod:`.stream`: the MWREC1 encrypted stream (secretstream, constant memory);
* :mod:`.blob`: the MWBLOB1 record blob (wrapped key, metadata, content);
* :mod:`.sealing`: encrypting and uploading one file in a single pass;
* :mod:`.pipeline`: the one record pipeline: seal → upload → anchor, one record or many in
  batches, every step written to the wallet database first, so :func:`~.pipeline.send`
  finishes whatever was interrupted;
* :mod:`.library`: the records on this computer: list, find, export, delete.
"""
