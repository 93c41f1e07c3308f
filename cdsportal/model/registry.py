"""Registries that plans and news refer to by id: units and directive documents.

``content/units/*.yml`` and ``content/documents/*.yml`` (several files are
merged, so each jurisdiction or plan can bring its own). A unit that ceased
to exist keeps its id and page, and names its successor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..diagnostics import Problems
from ..readers.yamlfile import YamlDocument, read_yaml
from ..text import nfc
from .fields import suggest

UNIT_LEVELS = {"trung-uong", "tinh", "huyen", "xa", "bao-chi", "khac"}
UNIT_KINDS = {"ubnd", "so-nganh", "doan-the", "bao-chi", "dai-phat-thanh", "trung-tam",
              "dai-truyen-thanh", "khac"}
DOCUMENT_TYPES = {"luat", "nghi-quyet", "nghi-dinh", "quyet-dinh", "chi-thi", "ke-hoach",
                  "cong-van", "to-trinh", "thong-bao", "huong-dan", "khac"}
UNIT_KEYS = {"id", "name", "short", "level", "kind", "parent", "website", "valid_from",
             "valid_to", "successor", "note"}
DOCUMENT_KEYS = {"id", "number", "date", "issuer", "type", "title", "file"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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


class _Records:
    """Reads a list of mappings under one top-level key, with line numbers."""

    def __init__(self, doc: YamlDocument, key: str, allowed: set[str], problems: Problems):
        self.doc, self.key, self.problems = doc, key, problems
        data = doc.data if isinstance(doc.data, dict) else {}
        records = data.get(key)
        if not isinstance(records, list):
            problems.add(doc.path, 1, key, f"một danh sách '{key}:' / a list under '{key}:'")
            records = []
        self.records = []
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                problems.add(doc.path, doc.line_of(key, index), key, "các cặp khóa: giá trị / key: value pairs")
                continue
            for unknown in sorted(set(map(str, record)) - allowed):
                problems.add(doc.path, doc.line_of(key, index, unknown), unknown,
                             "không có khóa này / no such key" + suggest(unknown, allowed))
            self.records.append((index, record))

    def new_id(self, index: int, record: dict, known: dict) -> str | None:
        """The record's id: required, lowercase ASCII with hyphens, not used before."""
        value = self.text(index, record, "id", required=True)
        if value is None:
            return None
        if not _ID.match(value):
            self.problems.add(self.doc.path, self.line(index, "id"), "id",
                              f"chữ thường không dấu và gạch nối / lowercase ASCII and hyphens, "
                              f"not '{value}'")
            return None
        if value in known:
            self.problems.add(self.doc.path, self.line(index, "id"), "id",
                              f"mã không trùng; '{value}' đã có ở / a unique id; '{value}' is also "
                              f"in {self.problems._rel(known[value].source)}")
            return None
        return value

    def line(self, index: int, field: str | None = None) -> int | None:
        return self.doc.line_of(self.key, index, field) if field else self.doc.line_of(self.key, index)

    def text(self, index: int, record: dict, field: str, *, required: bool) -> str | None:
        value = record.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.add(self.doc.path, self.line(index), field, "bắt buộc / required")
            return None
        return nfc(str(value)).strip()

    def names(self, index: int, record: dict, field: str, *, required: bool) -> dict[str, str]:
        value = record.get(field)
        if value is None and not required:
            return {}
        if not isinstance(value, dict) or not isinstance(value.get("vi"), str):
            self.problems.add(self.doc.path, self.line(index, field), field,
                              "tên theo ngôn ngữ, ví dụ {vi: …, en: …} / names per language "
                              "such as {vi: …, en: …}")
            return {}
        return {lang: nfc(str(text)).strip() for lang, text in value.items() if text}

    def choice(self, index: int, record: dict, field: str, choices: set[str]) -> str | None:
        value = self.text(index, record, field, required=True)
        if value is not None and value not in choices:
            self.problems.add(self.doc.path, self.line(index, field), field,
                              f"một trong / one of: {', '.join(sorted(choices))}")
            return None
        return value

    def day(self, index: int, record: dict, field: str) -> date | None:
        value = record.get(field)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problems.add(self.doc.path, self.line(index, field), field,
                              f"ngày dạng YYYY-MM-DD / a date as YYYY-MM-DD, not '{value}'")
            return None


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def read_units(folder: Path, problems: Problems) -> dict[str, Unit]:
    """Every unit of ``folder/*.yml``; ids unique, parents and successors known."""
    units: dict[str, Unit] = {}
    lines: dict[str, tuple[Path, int | None, str, str | None]] = {}
    for path in _files(folder):
        doc = read_yaml(path, problems)
        if doc is None:
            continue
        reader = _Records(doc, "units", UNIT_KEYS, problems)
        for index, record in reader.records:
            unit_id = reader.new_id(index, record, units)
            if unit_id is None:
                continue
            names = reader.names(index, record, "name", required=True)
            short = reader.names(index, record, "short", required=False).get("vi")
            unit = Unit(unit_id, names, short,
                        reader.choice(index, record, "level", UNIT_LEVELS) or "khac",
                        reader.choice(index, record, "kind", UNIT_KINDS) or "khac",
                        reader.text(index, record, "parent", required=False),
                        reader.text(index, record, "website", required=False),
                        reader.day(index, record, "valid_from"),
                        reader.day(index, record, "valid_to"),
                        reader.text(index, record, "successor", required=False),
                        reader.names(index, record, "note", required=False), path)
            units[unit_id] = unit
            lines[unit_id] = (path, reader.line(index, "parent"), "parent", unit.parent)
            if unit.successor:
                if unit.valid_to is None:
                    problems.add(path, reader.line(index, "successor"), "valid_to",
                                 "ngày đơn vị thôi hoạt động, khi có đơn vị kế thừa / the date the "
                                 "unit ceased, when it has a successor")
                lines[unit_id + "\0successor"] = (path, reader.line(index, "successor"),
                                                  "successor", unit.successor)
    for path, line, field, target in lines.values():
        if target and target not in units:
            problems.add(path, line, field, f"mã một đơn vị đã khai báo / a known unit id, not "
                                            f"'{target}'" + suggest(target, units))
    return units


def read_documents(folder: Path, units: dict[str, Unit], content_dir: Path,
                   problems: Problems) -> dict[str, Document]:
    """Every directive document of ``folder/*.yml``, issuers checked against ``units``."""
    documents: dict[str, Document] = {}
    for path in _files(folder):
        doc = read_yaml(path, problems)
        if doc is None:
            continue
        reader = _Records(doc, "documents", DOCUMENT_KEYS, problems)
        for index, record in reader.records:
            doc_id = reader.new_id(index, record, documents)
            if doc_id is None:
                continue
            issuer = reader.text(index, record, "issuer", required=False)
            if issuer and issuer not in units:
                problems.add(path, reader.line(index, "issuer"), "issuer",
                             f"mã một đơn vị đã khai báo / a known unit id, not '{issuer}'"
                             + suggest(issuer, units))
            file_value = reader.text(index, record, "file", required=False)
            file = (content_dir / file_value.lstrip("/")) if file_value else None
            if file is not None and not file.is_file():
                problems.add(path, reader.line(index, "file"), "file",
                             f"tệp có thật trong thư mục nội dung / an existing file, not '{file_value}'")
                file = None
            documents[doc_id] = Document(
                doc_id, reader.text(index, record, "number", required=False),
                reader.day(index, record, "date"), issuer,
                reader.choice(index, record, "type", DOCUMENT_TYPES) or "khac",
                reader.text(index, record, "title", required=False), file, path)
    return documents
