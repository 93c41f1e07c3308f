"""A build cache kept as a base file plus a small file of changes.

The parse and body caches hold an entry per source file: tens of megabytes
at 10,000 items. Rewriting them after a one-file edit took longer than the
edit's own work, so a save writes only the entries that differ from the base
file (and the keys dropped) until they are many, then a new base.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

_MISSING = object()


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
        base = self._read(self.path)
        if base is None:
            return {}
        self._base = base
        merged = dict(base)
        delta = self._read(self.delta_path)
        if delta is not None:
            changed, removed = delta
            merged.update(changed)
            for key in removed:
                merged.pop(key, None)
        return merged

    def save(self, data: dict) -> None:
        """Store ``data``: as changes to the base when they are few, else as a new base."""
        if self.path is None:
            return
        changed = {k: v for k, v in data.items() if self._base.get(k, _MISSING) is not v}
        removed = [k for k in self._base if k not in data]
        if self._base and len(changed) + len(removed) <= max(200, len(data) // 20):
            self._write(self.delta_path, (changed, removed))
            return
        self.delta_path.unlink(missing_ok=True)  # first: an old delta must never meet a new base
        self._write(self.path, data)
        self._base = dict(data)

    def _read(self, path: Path):
        try:
            with open(path, "rb") as handle:
                stamp, value = pickle.loads(handle.read())
        except Exception:  # missing or damaged: rebuilt, never trusted
            return None
        return value if stamp == self.stamp else None

    def _write(self, path: Path, value) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump((self.stamp, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
