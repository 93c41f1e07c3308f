"""Registries that plans and news refer to by id: units and directive documents.

``content/units/*.yml`` and ``content/documents/*.yml`` (several files are
merged, so each jurisdiction or plan can bring its own). A unit that ceased
to exist keeps its id and page, and names its successor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..diagnostics import Problems
from ..readers.yamlfile import read_yaml
from .fields import SLUG, suggest
from .yamlfields import YamlFields

UNIT_LEVELS = {"trung-uong", "tinh", "huyen", "xa", "bao-chi", "khac"}
UNIT_KINDS = {"ubnd", "so-nganh", "doan-the", "bao-chi", "dai-phat-thanh", "trung-tam",
              "dai-truyen-thanh", "khac"}
DOCUMENT_TYPES = {"luat", "nghi-quyet", "nghi-dinh", "quyet-dinh", "chi-thi", "ke-hoach",
                  "cong-van", "to-trinh", "thong-bao", "huong-dan", "khac"}
UNIT_KEYS = {"id", "name", "short", "level", "kind", "parent", "website", "valid_from",
             "valid_to", "successor", "note"}
DOCUMENT_KEYS = {"id", "number", "date", "issuer", "type", "title", "file"}


@dataclass(frozen=True)
class Unit:
    """An organisation: a department, a district, a commune, a newspaper…"""

    id: str
    names: dict[str, str]
    short: str | None
    level: str
    kind: str
    parent: str | None
    website: str | None
    valid_from: date | None
    valid_to: date | None
    successor: str | None
    note: dict[str, str]
    source: Path

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["vi"]


@dataclass(frozen=True)
class Document:
    """A directive document ("văn bản chỉ đạo") as plans cite it."""

    id: str
    number: str | None
    date: date | None
    issuer: str | None
    type: str
    title: str | None
    file: Path | None
    source: Path


class _Record:
    """One record of a registry file, its values read with their lines."""

    def __init__(self, fields: YamlFields, key: str, index: int, data: dict):
        self.fields, self.key, self.index, self.data = fields, key, index, data

    def path(self, field: str) -> tuple:
        return (self.key, self.index, field)

    def line(self, field: str) -> int | None:
        return self.fields.doc.line_of(*self.path(field))

    def text(self, field: str, *, required: bool = False) -> str | None:
        return self.fields.text(self.data.get(field), self.path(field), required=required)

    def names(self, field: str, *, required: bool) -> dict[str, str]:
        return self.fields.names(self.data.get(field), self.path(field), required=required)

    def choice(self, field: str, choices: set[str]) -> str | None:
        return self.fields.choice(self.data.get(field), choices, self.path(field))

    def day(self, field: str) -> date | None:
        return self.fields.day(self.data.get(field), self.path(field))

    def new_id(self, known: dict) -> str | None:
        """The record's id: required, lowercase ASCII with hyphens, not used before."""
        value = self.text("id", required=True)
        if value is None:
            return None
        if not SLUG.fullmatch(value):
            self.fields.problem(self.path("id"), "id", f"chữ thường không dấu và gạch nối / "
                                                       f"lowercase ASCII and hyphens, not '{value}'")
            return None
        if value in known:
            problems = self.fields.problems
            self.fields.problem(self.path("id"), "id",
                                f"mã không trùng; '{value}' đã có ở / a unique id; '{value}' is "
                                f"also in {problems._rel(known[value].source)}")
            return None
        return value


def _records(folder: Path, key: str, allowed: set[str], problems: Problems):
    """``(file, record)`` for every mapping in the list under ``key`` of ``folder/*.yml``."""
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        doc = read_yaml(path, problems)
        if doc is None:
            continue
        fields = YamlFields(doc, problems, dotted=False)
        records = doc.data.get(key) if isinstance(doc.data, dict) else None
        if not isinstance(records, list):
            problems.add(path, 1, key, f"một danh sách '{key}:' / a list under '{key}:'")
            continue
        for index, data in enumerate(records):
            if not isinstance(data, dict):
                fields.problem((key, index), key, "các cặp khóa: giá trị / key: value pairs")
                continue
            fields.keys(data, allowed, (key, index))
            yield path, _Record(fields, key, index, data)


def read_units(folder: Path, problems: Problems) -> dict[str, Unit]:
    """Every unit of ``folder/*.yml``; ids unique, parents and successors known."""
    units: dict[str, Unit] = {}
    lines: dict[str, tuple[Path, int | None, str, str | None]] = {}
    for path, record in _records(folder, "units", UNIT_KEYS, problems):
        unit_id = record.new_id(units)
        if unit_id is None:
            continue
        unit = Unit(unit_id, record.names("name", required=True),
                    record.names("short", required=False).get("vi"),
                    record.choice("level", UNIT_LEVELS) or "khac",
                    record.choice("kind", UNIT_KINDS) or "khac",
                    record.text("parent"), record.text("website"),
                    record.day("valid_from"), record.day("valid_to"), record.text("successor"),
                    record.names("note", required=False), path)
        units[unit_id] = unit
        lines[unit_id] = (path, record.line("parent"), "parent", unit.parent)
        if unit.successor:
            if unit.valid_to is None:
                problems.add(path, record.line("successor"), "valid_to",
                             "ngày đơn vị thôi hoạt động, khi có đơn vị kế thừa / the date the "
                             "unit ceased, when it has a successor")
            lines[unit_id + "\0successor"] = (path, record.line("successor"), "successor",
                                              unit.successor)
    for path, line, field, target in lines.values():
        if target and target not in units:
            _unknown_unit(problems, path, line, field, target, units)
    return units


def _unknown_unit(problems: Problems, path: Path, line: int, field: str, target: str,
                  units: dict) -> None:
    problems.add(path, line, field, f"mã một đơn vị đã khai báo / a known unit id, not "
                                    f"'{target}'" + suggest(target, units))


def read_documents(folder: Path, units: dict[str, Unit], content_dir: Path,
                   problems: Problems) -> dict[str, Document]:
    """Every directive document of ``folder/*.yml``, issuers checked against ``units``."""
    documents: dict[str, Document] = {}
    for path, record in _records(folder, "documents", DOCUMENT_KEYS, problems):
        doc_id = record.new_id(documents)
        if doc_id is None:
            continue
        issuer = record.text("issuer")
        if issuer and issuer not in units:
            _unknown_unit(problems, path, record.line("issuer"), "issuer", issuer, units)
        file_value = record.text("file")
        file = (content_dir / file_value.lstrip("/")) if file_value else None
        if file is not None and not file.is_file():
            problems.add(path, record.line("file"), "file",
                         f"tệp có thật trong thư mục nội dung / an existing file, not '{file_value}'")
            file = None
        documents[doc_id] = Document(doc_id, record.text("number"), record.day("date"), issuer,
                                     record.choice("type", DOCUMENT_TYPES) or "khac",
                                     record.text("title"), file, path)
    return documents
