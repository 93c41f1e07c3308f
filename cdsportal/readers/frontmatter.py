"""Split a Markdown file into YAML front matter and body, keeping line numbers.

Text is decoded as UTF-8 and normalised to NFC on read; text pasted from a
legacy Vietnamese encoding and Markdown files over 1 MB are reported. The line
of every top-level key is recorded so that problems can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import Problems
from ..text import nfc
from . import hygiene

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is much faster


class _Loader(_Base):
    """Safe YAML where dates stay text: the model parses them with clear errors
    (PyYAML would raise a bare ValueError for 2024-02-30)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Base.construct_yaml_str)

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


@dataclass(frozen=True)
class SourceDocument:
    """A parsed source file: its front matter, the line of each key, its body."""

    path: Path
    meta: dict
    key_lines: dict[str, int]
    body: str
    body_line: int

    def line_of(self, key: str) -> int:
        """The 1-based line of ``key`` in the file (line 1 when it is absent)."""
        return self.key_lines.get(key, 1)


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text as NFC, or None with a problem when it is not UTF-8.

    Text pasted from TCVN3 or VNI is reported (the text is still returned).
    """
    text = _decoded(path, problems)
    if text is not None:
        _check_legacy(path, text, problems)
    return text


def _decoded(path: Path, problems: Problems) -> str | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, "encoding", "tệp phải là UTF-8 / the file must be UTF-8 "
                     f"(invalid byte 0x{raw[exc.start]:02x})")
        return None
    return nfc(text.replace("\r\n", "\n"))


def _check_legacy(path: Path, text: str, problems: Problems) -> None:
    legacy = hygiene.legacy_encoding(text)
    if legacy:
        problems.add(path, legacy[0], "encoding", legacy[1])


def parse_document(path: Path, problems: Problems) -> SourceDocument | None:
    """Read ``path``; on any problem record it and return None."""
    return parse_documents([path], [problems])[0]


def parse_documents(paths: list[Path], problems: list[Problems]) -> list[SourceDocument | None]:
    """``parse_document`` for each of ``paths`` (``problems[i]`` for ``paths[i]``).

    Each step is taken for all the files before the next (reading them, looking
    for legacy encodings, then the YAML): file after file, the libraries taking
    turns made reading a thousand news items a third slower.
    """
    texts = []
    for path, found in zip(paths, problems):
        oversized = hygiene.oversized_markdown(path)
        if oversized:
            found.add(path, None, "size", oversized)
        texts.append(_decoded(path, found))
    for path, found, text in zip(paths, problems, texts):
        if text is not None:
            _check_legacy(path, text, found)
    return [None if text is None else _split(path, text, found)
            for path, found, text in zip(paths, problems, texts)]


def read_body(path: Path, problems: Problems) -> str | None:
    """The Markdown body of ``path`` alone, its front matter not parsed (a file
    read before, unchanged since); None with a problem if it cannot be read."""
    text = _decoded(path, problems)
    parts = None if text is None else _delimit(path, text, problems)
    return None if parts is None else text[parts[1]:]


def _delimit(path: Path, text: str, problems: Problems) -> tuple[str, int] | None:
    """The front matter's text and where the body starts; None with a problem if
    the '---' lines are missing."""
    if not text.startswith("---\n"):
        problems.add(path, 1, "front matter",
                     "tệp phải bắt đầu bằng dòng '---' / the file must start with a '---' line "
                     "followed by YAML front matter")
        return None
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4: end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        problems.add(path, 1, "front matter",
                     "thiếu dòng '---' kết thúc phần khai báo / a closing '---' line")
        return None
    return text[4: end + 1], end + 5


def _split(path: Path, text: str, problems: Problems) -> SourceDocument | None:
    """The front matter (parsed) and body of ``text``; None with a problem if malformed."""
    parts = _delimit(path, text, problems)
    if parts is None:
        return None
    header, body_start = parts
    body_line = text.count("\n", 0, body_start) + 1
    try:
        meta = yaml.load(header, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = (exc.problem_mark.line + 2) if exc.problem_mark else 1
        problems.add(path, line, "front matter", f"YAML hợp lệ / valid YAML ({exc.problem})")
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.add(path, 2, "front matter",
                     "các cặp 'khóa: giá trị' / 'key: value' pairs")
        return None
    key_lines = {m.group(1): header.count("\n", 0, m.start()) + 2
                 for m in _KEY_LINE.finditer(header)}
    return SourceDocument(path, meta, key_lines, text[body_start:], body_line)
