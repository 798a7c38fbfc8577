"""Keys: the seed and everything derived from it, and where the secrets are kept.

* :mod:`.seed`: the 24-word phrase and the key tree derived from the seed;
* :mod:`.vault`: the vault file format (secrets under a random key, wrapped under an
  Argon2id passphrase key);
* :mod:`.keystore`: opening and saving the vault, through the OS keyring or a passphrase;
* :mod:`.keyring_access`: the OS keyring, probed off the GUI thread;
* :mod:`.sodium`: the wallet's one module of libsodium calls (KDF, AEAD, sealed boxes,
  Argon2id, secretstream). The ledger's signatures live in :mod:`ledger_client.crypto`.
"""
