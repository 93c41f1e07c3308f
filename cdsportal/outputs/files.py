"""Putting built files in place: hard links from the cache (no copying of
unchanged bytes), a copy where the file system cannot link."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def place(source: Path | str, target: Path | str) -> None:
    """Make ``target`` (its folder must exist) a link to, or a copy of, ``source``.

    Raises FileExistsError when ``target`` is already there: two outputs claimed
    the same address.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        shutil.copyfile(source, target)
