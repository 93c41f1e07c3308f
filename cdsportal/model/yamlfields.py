"""Checked values from a YAML data file (plans, registries), every problem
reported at the line of the value, addressed by its path in the document."""

from __future__ import annotations

from datetime import date

from ..diagnostics import Problems
from ..readers.yamlfile import YamlDocument
from ..text import nfc
from .fields import suggest


class YamlFields:
    """Reads values of ``doc`` by path, e.g. ``("activities", 3, "lead")``.

    A problem's field is the dotted path (``activities.3.lead``), or just the
    last key when ``dotted`` is false (records of a registry: ``id``, ``issuer``).
    """

    def __init__(self, doc: YamlDocument, problems: Problems, *, dotted: bool = True):
        self.doc, self.problems, self.dotted = doc, problems, dotted

    def label(self, path: tuple) -> str:
        return ".".join(str(p) for p in path) if self.dotted else str(path[-1])

    def problem(self, path: tuple, field: str, expected: str) -> None:
        self.problems.add(self.doc.path, self.doc.line_of(*path), field, expected)

    def keys(self, value, allowed: set[str], path: tuple) -> None:
        """Report every key of the mapping ``value`` that is not in ``allowed``."""
        if isinstance(value, dict):
            for key in sorted(set(map(str, value)) - allowed):
                self.problem(path + (key,), self.label(path + (key,)),
                             "không có khóa này / no such key" + suggest(key, allowed))

    def text(self, value, path: tuple, *, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(path, self.label(path), "bắt buộc / required")
            return None
        if isinstance(value, (dict, list)):
            self.problem(path, self.label(path), "một đoạn chữ / a text")
            return None
        return nfc(str(value)).strip()

    def texts(self, value, path: tuple) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, self.label(path), "một danh sách / a list")
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, path + (i,))))

    def names(self, value, path: tuple, *, required: bool) -> dict[str, str]:
        """Names per language, ``{vi: …, en: …}`` (Vietnamese required)."""
        if value is None and not required:
            return {}
        if not isinstance(value, dict) or not isinstance(value.get("vi"), str):
            self.problem(path, self.label(path), "tên theo ngôn ngữ, ví dụ {vi: …, en: …} / "
                                                 "names per language such as {vi: …, en: …}")
            return {}
        return {lang: nfc(str(text)).strip() for lang, text in value.items() if text}

    def choice(self, value, choices, path: tuple, *, required: bool = True) -> str | None:
        text = self.text(value, path, required=required)
        if text is not None and text not in choices:
            self.problem(path, self.label(path), f"một trong / one of: {', '.join(sorted(choices))}")
            return None
        return text

    def unit(self, value, units, path: tuple) -> str | None:
        """A unit id from the registry (the closest known ids suggested)."""
        text = self.text(value, path)
        if text is not None and text not in units:
            self.problem(path, self.label(path), f"mã một đơn vị trong content/units / a unit id "
                                                 f"from content/units, not '{text}'"
                         + suggest(text, units))
            return None
        return text

    def day(self, value, path: tuple) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(path, self.label(path),
                         f"ngày dạng YYYY-MM-DD / a date as YYYY-MM-DD, not '{value}'")
            return None
