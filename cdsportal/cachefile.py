"""Files of the build cache: written atomically, read back only when their
stamp matches, pruned of what the build no longer uses.

The parse and body caches hold an entry per source file: tens of megabytes
at 10,000 items. Rewriting them after a one-file edit took longer than the
edit's own work, so ``DeltaStore`` writes only the entries that differ from
the base file (and the keys dropped) until they are many, then a new base.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from stat import S_ISREG
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from typing import Callable, Container, Iterator

from .parallel import in_background

_MISSING = object()
_PACKAGE = Path(__file__).resolve().parent


@cache
def code_digest() -> str:
    """A hash of the package's code and interface strings. What the caches hold
    is made by this code: a cache stamped with it is never read by another."""
    digest = hashlib.sha1()
    for path in sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.glob("locales/*.yml")]):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def replacing(path: Path | str) -> Iterator[str]:
    """A temporary name beside ``path`` to write to; it becomes ``path`` when the
    block ends without error, so no reader (another worker, the next build)
    ever sees a half-written file."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        yield tmp
    except BaseException:
        remove_file(tmp)
        raise
    os.replace(tmp, path)


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, as ``replacing`` does
    (without a context manager: tens of thousands of small files per build)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
    except BaseException:
        remove_file(tmp)
        raise
    os.replace(tmp, path)


def file_stamp(path: Path | str) -> tuple[int, int] | None:
    """The size and modification time of the regular file ``path`` (None when it
    is missing or not a file): what tells a cache that a file was replaced."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns) if S_ISREG(stat.st_mode) else None


def cached_file(cache_dir: Path | str, key: str, suffix: str) -> str:
    """Where a cache sharded by the first two hex digits of its keys keeps ``key``:
    the page cache, a page's HTML (``.html``) or search record (``search.RECORD_SUFFIX``)."""
    return f"{cache_dir}{os.sep}{key[:2]}{os.sep}{key}{suffix}"


def remove_file(path: Path | str) -> None:
    """Delete the file ``path`` if it is there."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def read_stamped(path: Path | str, stamp: object, loads: Callable = pickle.loads):
    """The value stored at ``path`` with ``write_stamped``, or None when the file
    is missing, damaged or of another ``stamp`` (a version, the settings)."""
    try:
        with open(path, "rb") as handle:  # whole: unpicklers reading a file go piece by piece
            stored, value = loads(handle.read())
    except Exception:  # missing or damaged: rebuilt, never trusted
        return None
    return value if stored == stamp else None


def write_stamped(path: Path | str, stamp: object, value, dumps: Callable = pickle.dumps) -> None:
    """Store ``value`` under ``stamp`` at ``path`` (its folder is made)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_atomic(path, dumps((stamp, value)))


def prune(folder: Path, keep: Container[str]) -> None:
    """Delete the files and folders in ``folder`` not named in ``keep``."""
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name not in keep:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


class DeltaStore:
    """A pickled ``dict`` at ``path`` (+ ``path.delta``), valid while ``stamp`` holds."""

    def __init__(self, path: Path | None, stamp: object):
        self.path = path
        self.delta_path = path.with_name(path.name + ".delta") if path else None
        self.stamp = stamp
        self._base: dict = {}

    def load(self) -> dict:
        """The stored entries, or ``{}`` when missing, damaged or of another stamp."""
        if self.path is None:
            return {}
        base = read_stamped(self.path, self.stamp)
        if base is None:
            return {}
        self._base = base
        merged = dict(base)
        delta = read_stamped(self.delta_path, self.stamp)
        if delta is not None:
            changed, removed = delta
            merged.update(changed)
            for key in removed:
                merged.pop(key, None)
        return merged

    def save(self, data: dict, *, background: bool = False) -> None:
        """Store ``data``: as changes to the base when they are few, else as a new base.

        With ``background``, a new base (tens of megabytes to pickle) is written by
        another process while this one goes on; ``finish_writing`` waits for it.
        """
        if self.path is None:
            return
        changed = {k: v for k, v in data.items() if self._base.get(k, _MISSING) is not v}
        removed = [k for k in self._base if k not in data]
        if self._base and len(changed) + len(removed) <= max(200, len(data) // 20):
            write_stamped(self.delta_path, self.stamp, (changed, removed))
            return
        self.delta_path.unlink(missing_ok=True)  # first: an old delta must never meet a new base
        if background:
            _WRITING.append(in_background(partial(write_stamped, self.path, self.stamp, data)))
        else:
            write_stamped(self.path, self.stamp, data)
        self._base = dict(data)


_WRITING: list[Callable[[], object]] = []  # cache files being written by other processes


def finish_writing() -> None:
    """Wait until the cache files written in the background are in place."""
    while _WRITING:
        _WRITING.pop()()


class TextBlob:
    """Texts appended to one file and read back by position: a cache of
    thousands of texts of which a rebuild reads a handful (see bodies.py).

    The file is only ever appended to (``append``); its owner rewrites it
    under a new name when it is mostly made of texts no longer used (see
    ``bodies.BodyCache``), so positions always go with a file name.
    """

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def append(self, texts: list[str]) -> list[tuple[int, int]]:
        """Add ``texts`` at the end; returns each one's (offset, length) in bytes."""
        chunks = [text.encode("utf-8") for text in texts]
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path, "ab") as handle:
            offset = os.fstat(handle.fileno()).st_size
            handle.write(b"".join(chunks))
        spans = []
        for chunk in chunks:
            spans.append((offset, len(chunk)))
            offset += len(chunk)
        return spans

    def read(self, offset: int, length: int) -> str:
        """The text at ``offset`` (safe in forked processes: reads by position)."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDONLY)
        return os.pread(self._fd, length, offset).decode("utf-8")

    def size(self) -> int:
        try:
            return os.stat(self.path).st_size
        except FileNotFoundError:
            return 0
