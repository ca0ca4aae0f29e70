"""Errors of the model bundle.

```
ModelError
├── BundleMissingError      no bundle, or no manifest, where one was expected
├── BundleCorruptError      a file is missing or its sha256 differs from the manifest
├── BundleOutdatedError     the bundle was built by an older, incompatible builder
└── BuildError              building a bundle failed (missing source package, bad export)
```
"""

from __future__ import annotations


class ModelError(Exception):
    """Base class of every model bundle error."""


class BundleMissingError(ModelError):
    """There is no bundle (or no manifest) at the expected place."""


class BundleCorruptError(ModelError):
    """A file of the bundle is missing or does not match its checksum."""


class BundleOutdatedError(ModelError):
    """The bundle was built by a builder whose format this code does not read."""


class BuildError(ModelError):
    """Building the bundle failed."""
