"""Putting built files in place: hard links from the cache (no copying of
unchanged bytes), a copy where the file system cannot link."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def place(source: Path | str, target: Path | str, *, same_ok: bool = False) -> None:
    """Make ``target`` a link to, or a copy of, ``source``, making its folder.

    A ``target`` already there means two outputs claimed one address: an
    error, unless ``same_ok`` (files named by their content, media shared by
    several entries). A missing ``source`` raises FileNotFoundError.
    """
    try:
        try:
            _link(source, target)
        except FileNotFoundError:  # the target's folder, most often: make it and retry
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _link(source, target)
    except FileExistsError:
        if not same_ok:
            raise RuntimeError(f"two outputs have the same address: {target}") from None


def _link(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)
