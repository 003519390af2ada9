"""Private storage for uploaded workload files: personal data, never served by URL.

`STORAGES["steady_private"]` is used when the host defines it (e.g. a private
S3 bucket); otherwise a directory outside MEDIA_ROOT
(`STEADY_PRIVATE_STORAGE_ROOT`, by default `<MEDIA_ROOT>/../private`). Files
get a random name; the only way to read one is the permission-checked
download view.
"""

from __future__ import annotations

import secrets
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages

from courses.conf import steady_setting

PRIVATE_STORAGE = "steady_private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage that has no URL to give."""

    def url(self, name):
        raise ValueError("Private files are served only by a permission-checked view.")


def private_storage() -> Storage:
    if PRIVATE_STORAGE in settings.STORAGES:
        return storages[PRIVATE_STORAGE]
    root = steady_setting("PRIVATE_STORAGE_ROOT") or Path(settings.MEDIA_ROOT).parent / "private"
    return PrivateFileSystemStorage(location=root)


def workload_file_name(instance, filename: str) -> str:
    """A random name that keeps only the extension the reader needs."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        suffix = ""
    return f"workload/{secrets.token_hex(16)}{suffix}"
