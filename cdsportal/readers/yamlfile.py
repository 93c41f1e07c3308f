"""YAML data files (issue.yml, plans) read with the line of every value.

``YamlDocument.line_of(("contents", 2, "news"))`` gives the line of that key,
so problems in nested data can point at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import Problems
from .frontmatter import _Loader, read_text


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data and a map from key paths to 1-based line numbers."""

    path: Path
    data: object
    lines: dict[tuple, int]

    def line_of(self, *path) -> int | None:
        """The line of the value at ``path``; the closest enclosing one if unknown."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def read_yaml(path: Path, problems: Problems) -> YamlDocument | None:
    """Parse ``path`` (UTF-8, NFC); on a problem record it and return None."""
    text = read_text(path, problems)
    if text is None:
        return None
    loader = _Loader(text)
    try:  # one parse: the node tree gives the lines, its construction the data
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        problems.add(path, line, "YAML", f"YAML hợp lệ / valid YAML ({exc.problem})")
        return None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    _collect(node, (), lines)
    return YamlDocument(path, data, lines)


def _collect(node, prefix: tuple, lines: dict[tuple, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = prefix + (key.value,)
            lines[path] = key.start_mark.line + 1
            _collect(value, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            path = prefix + (index,)
            lines[path] = value.start_mark.line + 1
            _collect(value, path, lines)
