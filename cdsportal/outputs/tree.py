"""The site folder a build writes, started from the one the build before last wrote.

A build writes into a staging folder that replaces the site only when the
build succeeds (``cdsportal build``). Filling an empty folder with 36,000
files for 10,000 items took longer than the rest of a one-edit rebuild, so
the site a build replaces is kept as the *spare*, with its *manifest*: every
file in it, with a token saying what it holds (a page's fingerprint, a file's
content hash, a theme file's size and time). The next build starts from the
spare: a file whose token is unchanged is left alone (its time too), a
changed one is replaced, and what the new site no longer has is removed, so
the folder ends exactly as an empty one would after the same build. Every
output goes through ``OutputTree`` (``place``, ``write``, ``engine_files``);
a spare without a manifest of its own is not used at all.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable

from ..cachefile import read_stamped, remove_file, write_stamped

_VERSION = 2


class OutputTree:
    """A site folder being written, and what it already held (``held``: path → token)."""

    def __init__(self, root: Path, held: dict[str, str] | None = None):
        self.root = root
        self.held = held or {}
        self.tokens: dict[str, str] = {}   # what this build placed, recorded in the main process
        self.touched = False               # set when the build starts writing into it

    @property
    def reused(self) -> bool:
        """Whether the folder starts with the files of an earlier build."""
        return bool(self.held)

    def branch(self) -> "OutputTree":
        """A tree writing into the same folder with its own record of what it wrote,
        for work done in another process: the main one then calls ``record``."""
        return OutputTree(self.root, self.held)

    def place(self, source: Path | str, path: str, token: str) -> None:
        """Make ``path`` (relative to the root) the file ``source`` unless the
        folder holds ``token`` there already. Safe in worker processes; the
        main process then calls ``record``, which reports two outputs at one path."""
        held = self.held.get(path)
        if held == token:
            return
        target = os.path.join(self.root, path)
        if held is not None:
            remove_file(target)
        _link(source, target)

    def place_all(self, files: list[tuple[Path | str, str, str]], *, same_ok: bool = False) -> None:
        """``place`` each ``(source, path, token)`` and ``record`` them (main process);
        a file this build placed already (in a worker: recorded since) is left alone."""
        for source, path, token in files:
            if self.tokens.get(path) != token:
                self.place(source, path, token)
        self.record([(path, token) for _, path, token in files], same_ok=same_ok)

    def write(self, path: str, data: bytes) -> None:
        """Write ``data`` at ``path`` unless the folder holds these bytes there
        already (then the file and its time stay as they were). Main process only."""
        token = hashlib.sha1(data).hexdigest()
        if self.held.get(path) != token:
            target = os.path.join(self.root, path)
            if path in self.held:  # maybe a link into the cache: never written through
                remove_file(target)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
        self.record([(path, token)])

    def engine_files(self, files: Iterable[tuple[str, str]]) -> None:
        """Note the files the site engine copies itself, as ``(source, path)``: a
        copy whose source changed is removed first, so the engine copies it again."""
        placed = []
        for source, path in files:
            stat = os.stat(source)
            token = f"engine:{stat.st_size}:{stat.st_mtime_ns}"
            if self.held.get(path, token) != token:
                remove_file(os.path.join(self.root, path))
            placed.append((path, token))
        self.record(placed)

    def record(self, placed: Iterable[tuple[str, str]], *, same_ok: bool = False) -> None:
        """Note files placed (or kept) by ``place``, possibly in other processes."""
        tokens = self.tokens
        for path, token in placed:
            if not same_ok and path in tokens:
                raise RuntimeError(f"two outputs have the same address: {path}")
            tokens[path] = token

    def finish(self) -> dict[str, str]:
        """Remove the files held from before that this build did not place (and
        the folders that leaves empty); returns the manifest of the folder."""
        for path in self.held.keys() - self.tokens.keys():
            remove_file(os.path.join(self.root, path))
            folder = os.path.dirname(path)
            while folder:
                try:
                    os.rmdir(os.path.join(self.root, folder))
                except OSError:  # not empty (or gone)
                    break
                folder = os.path.dirname(folder)
        return self.tokens


class SiteFolders:
    """The site folder, its staging folder and its spare, and their manifests.

    ``start`` gives the tree to build into; ``commit`` swaps it into place (two
    renames) and keeps the replaced site as the next spare; ``abandon`` drops
    a failed build's folder and leaves the site as it was.
    """

    def __init__(self, site_dir: Path, cache_dir: Path):
        self.site_dir = site_dir
        self.staging = site_dir.with_name(f".{site_dir.name}.building")
        self.spare = site_dir.with_name(f".{site_dir.name}.spare")
        self.state = cache_dir / "site-folders.marshal"
        self.manifests: dict[str, dict[str, str]] = {}  # folder identity → manifest

    def start(self) -> OutputTree:
        """The staging tree: the spare with what its manifest holds, or an empty folder."""
        _remove(self.staging)
        self.manifests = read_stamped(self.state, _VERSION, marshal.loads) or {}
        held = self.manifests.get(_identity(self.spare)) if self.spare.is_dir() else None
        if held is None:
            _remove(self.spare)
            self.staging.mkdir(parents=True)
            return OutputTree(self.staging)
        self.spare.rename(self.staging)
        return OutputTree(self.staging, held)

    def commit(self, tree: OutputTree, manifest: dict[str, str]) -> None:
        """Put the built tree in place of the site; the old site becomes the spare."""
        if self.site_dir.exists():
            self.site_dir.rename(self.spare)
        self.staging.rename(self.site_dir)
        kept = {key: value for key, value in self.manifests.items() if key == _identity(self.spare)}
        kept[_identity(self.site_dir)] = manifest
        write_stamped(self.state, _VERSION, kept, marshal.dumps)

    def abandon(self, tree: OutputTree) -> None:
        """After a failed build: keep the staging folder as the spare if the build
        wrote nothing of its own (content errors stop it before), else drop it."""
        if tree.reused and not tree.touched:
            self.staging.rename(self.spare)
        else:
            shutil.rmtree(self.staging, ignore_errors=True)


def _identity(folder: Path) -> str:
    """A folder's identity across renames (device and inode)."""
    try:
        stat = folder.stat()
    except FileNotFoundError:
        return ""
    return f"{stat.st_dev}:{stat.st_ino}"


def _remove(folder: Path) -> None:
    """Delete ``folder`` in the background: removing tens of thousands of files
    takes longer than building them, and nobody waits for it."""
    if not folder.exists():
        return
    doomed = folder.with_name(f"{folder.name}.old-{os.getpid()}")
    folder.rename(doomed)
    subprocess.Popen(["rm", "-rf", "--", str(doomed)], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)



def _link(source: Path | str, target: str) -> None:
    """Make ``target`` a hard link to ``source`` (no copying of unchanged bytes) or
    a copy, making its folder. A ``target`` already there is left as it is: two
    outputs at one path are reported by ``record``. A missing ``source`` raises
    FileNotFoundError."""
    try:
        _link_or_copy(source, target)
    except FileNotFoundError:  # the target's folder, most often: make it and retry
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _link_or_copy(source, target)


def _link_or_copy(source: Path | str, target: str) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        pass
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)
