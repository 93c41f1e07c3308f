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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, "encoding", "tệp phải là UTF-8 / the file must be UTF-8 "
                     f"(invalid byte 0x{raw[exc.start]:02x})")
        return None
    text = nfc(text.replace("\r\n", "\n"))
    legacy = hygiene.legacy_encoding(text)
    if legacy:
        problems.add(path, legacy[0], "encoding", legacy[1])
    return text


def parse_document(path: Path, problems: Problems) -> SourceDocument | None:
    """Read ``path``; on any problem record it and return None."""
    oversized = hygiene.oversized_markdown(path)
    if oversized:
        problems.add(path, None, "size", oversized)
    text = read_text(path, problems)
    if text is None:
        return None
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
    header = text[4: end + 1]
    body_start = end + 5
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
