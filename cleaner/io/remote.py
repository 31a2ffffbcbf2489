"""Remote inputs and outputs through fsspec (extra ``remote``): ``s3://``, ``gs://``,
``hf://``, ``memory://`` and any other URL fsspec knows.

Only what differs from local files lives here: recognising a URL, listing a
remote folder, and opening a remote file for reading or writing. Everything
else (formats, compression, records) is the same code as for local files.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from cleaner.errors import CleanerError, require_extra
from cleaner.io.writers import ErrorSink, StreamSink

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
LOCAL_PROTOCOLS = ("file",)  # file:// URLs are ordinary paths


class RemoteError(CleanerError):
    """A remote path cannot be listed or opened; the message names it."""


def is_url(name: str) -> bool:
    """``s3://bucket/key`` and the like; a plain path or ``file://`` is not remote."""
    return bool(_URL.match(name)) and name.split("://", 1)[0].lower() not in LOCAL_PROTOCOLS


def _filesystem(url: str) -> tuple[Any, str]:
    require_extra("fsspec", "remote", f"{url}: remote paths")
    from fsspec.core import url_to_fs

    try:
        return url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as exc:  # an unknown protocol or its package missing
        raise RemoteError(f"{url}: {exc}") from None


def list_files(url: str) -> list[tuple[str, str]] | None:
    """``(url, relative name)`` of every file under a remote folder, sorted; None when
    ``url`` is a file; RemoteError when it does not exist."""
    fs, path = _filesystem(url)
    try:
        if not fs.exists(path):
            raise RemoteError(f"{url}: no such file or folder")
        if not fs.isdir(path):
            return None
        found = sorted(fs.find(path))
    except OSError as exc:
        raise RemoteError(f"{url}: cannot list: {exc}") from None
    base = path.rstrip("/") + "/"
    files: list[tuple[str, str]] = []
    for name in found:
        rel = name[len(base) :] if name.startswith(base) else name.rsplit("/", 1)[-1]
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden files, as for local folders
        files.append((fs.unstrip_protocol(name), rel))
    return files


def file_identity(url: str) -> list[object]:
    """What ``--resume`` compares: the URL, size and modification time when known."""
    fs, path = _filesystem(url)
    try:
        info = fs.info(path)
    except OSError:
        return [url, None, None]
    return [url, info.get("size"), str(info.get("mtime") or info.get("LastModified") or info.get("created"))]


def open_read(url: str) -> BinaryIO:
    """A seekable binary file for ``url`` (the caller closes it)."""
    fs, path = _filesystem(url)
    try:
        return fs.open(path, "rb")  # type: ignore[no-any-return]
    except OSError as exc:
        raise RemoteError(f"{url}: cannot read: {exc}") from None


def open_write(url: str) -> BinaryIO:
    """A binary file for writing ``url``; the data is committed when it is closed."""
    fs, path = _filesystem(url)
    try:
        return fs.open(path, "wb")  # type: ignore[no-any-return]
    except OSError as exc:
        raise RemoteError(f"{url}: cannot write: {exc}") from None


def exists(url: str) -> bool:
    fs, path = _filesystem(url)
    return bool(fs.exists(path))


class RemoteStreamSink(StreamSink):
    """The output stream on a remote file system; committed when closed (object stores
    take a whole object), so a remote output cannot be resumed."""

    def __init__(self, url: str) -> None:
        # not super().__init__: that opens a local file or stdout
        self.path = url
        self._handle = open_write(url)
        self._own = True
        self.size = 0


class RemoteErrorSink(ErrorSink):
    """The errors file on a remote file system, created on the first error (never resumed:
    an object store takes a whole object)."""

    def __init__(self, url: str) -> None:
        super().__init__(None)
        self.path = url

    def _open(self, path: str) -> BinaryIO:
        return open_write(path)
