"""The wallet's domain core: keys, keystore, record encryption, grant codes. Never imports Qt."""
