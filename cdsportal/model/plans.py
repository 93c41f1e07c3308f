"""Communication plans as data: ``plans/<id>/plan.yml`` (see docs/dinh-dang-ke-hoach.md).

A plan names its issuer, legal basis (documents by id), purposes, themes and
activities; an activity may carry machine-readable targets ("15 news items a
month in vi and en") that the portal's own content is measured against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
import datetime
from pathlib import Path

from ..config import PortalConfig
from ..diagnostics import Problems
from ..readers.yamlfile import read_yaml
from ..text import nfc
from .fields import suggest
from .yamlfields import YamlFields

PLAN_KEYS = {"id", "kind", "level", "issuer", "number", "date", "place", "title", "title_en",
             "year", "period", "legal_basis", "purposes", "requirements", "themes", "activities",
             "funding", "responsibilities", "report_deadline", "report_to", "signer",
             "recipients", "ceremony"}
ACTIVITY_KEYS = {"code", "title", "title_en", "description", "lead", "partners", "timeframe",
                 "channel", "target"}
TARGET_KEYS = {"count", "period", "kind", "languages", "note"}
CEREMONY_KEYS = {"time", "format", "venue", "bridge_points", "programme", "participants", "targets"}
KINDS = {"communication-plan", "launch-ceremony"}
LEVELS = {"tinh", "huyen", "xa"}
CHANNELS = {"portal", "newspaper", "radio", "television", "social", "event", "publication",
            "guidance", "training", "other"}
PERIODS = {"week", "month", "quarter", "year", "once"}
TARGET_KINDS = {"news", "video", "bulletin", "radio-programme", "rebroadcast", "event", "banner",
                "training", "other"}
TIMEFRAME_KEYS = {"year", "quarter", "month", "from", "to", "recurring"}
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Target:
    """A number the plan sets: ``count`` ``kind`` per ``period`` (in ``languages``)."""

    count: int | None
    period: str
    kind: str
    languages: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Activity:
    """One point of the plan, with its code as printed."""

    code: str
    title: str
    title_en: str | None
    description: str | None
    lead: str | None
    partners: tuple[str, ...]
    timeframe: dict
    channel: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Responsibility:
    unit: str
    duties: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """A communication plan (or a launch-ceremony plan) of a province, district or commune."""

    id: str
    folder: Path
    kind: str
    level: str
    issuer: str | None
    number: str | None
    date: datetime.date | None
    place: str | None
    title: str
    title_en: str | None
    year: int | None
    legal_basis: tuple[str, ...]
    purposes: tuple[str, ...]
    requirements: tuple[str, ...]
    themes: tuple[str, ...]
    activities: tuple[Activity, ...]
    funding: str | None
    responsibilities: tuple[Responsibility, ...]
    report_deadline: datetime.date | None
    report_to: str | None
    signer: dict
    recipients: tuple[str, ...]
    ceremony: dict | None


def plan_folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/plan.yml"))


def read_plan(folder: Path, config: PortalConfig, problems: Problems) -> Plan | None:
    """Validate ``folder/plan.yml``; None when it has errors (all of them recorded)."""
    before = problems.error_count()
    doc = read_yaml(folder / "plan.yml", problems)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):  # a list or a single value: nothing to read fields from
        problems.add(doc.path, 1, "plan.yml", "các cặp 'khóa: giá trị' (id:, title:, …) / "
                                              "'key: value' pairs (id:, title:, …)")
        return None
    data = doc.data
    r = YamlFields(doc, problems)
    r.keys(data, PLAN_KEYS, ())
    plan_id = r.text(data.get("id"), ("id",), required=True)
    if plan_id and plan_id != folder.name:
        r.problem(("id",), "id", f"bằng tên thư mục '{folder.name}' / equal to the folder name")
    units = config.units
    legal = r.texts(data.get("legal_basis"), ("legal_basis",))
    for index, doc_id in enumerate(legal):
        if doc_id not in config.documents:
            r.problem(("legal_basis", index), "legal_basis",
                      f"mã một văn bản trong content/documents / a document id from "
                      f"content/documents, not '{doc_id}'" + suggest(doc_id, config.documents))
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        r.problem(("year",), "year", "một năm, ví dụ 2024 / a year such as 2024")
        year = None
    activities = tuple(a for i, raw in enumerate(data.get("activities") or [])
                       if (a := _activity(r, raw, ("activities", i), units)) is not None)
    codes = [a.code for a in activities]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        r.problem(("activities",), "activities.code", f"mã mục không trùng / unique codes; '{code}' is repeated")
    responsibilities = []
    for index, raw in enumerate(data.get("responsibilities") or []):
        path = ("responsibilities", index)
        if not isinstance(raw, dict):
            r.problem(path, "responsibilities", "{unit: …, duties: […]}")
            continue
        r.keys(raw, {"unit", "duties"}, path)
        unit = r.unit(raw.get("unit"), units, path + ("unit",))
        if unit:
            responsibilities.append(Responsibility(unit, r.texts(raw.get("duties"), path + ("duties",))))
    ceremony = data.get("ceremony")
    if ceremony is not None:
        r.keys(ceremony, CEREMONY_KEYS, ("ceremony",))
        points = ceremony.get("bridge_points") if isinstance(ceremony, dict) else None
        if points is not None and not (isinstance(points, dict) and
                                       all(isinstance(points.get(k), int) for k in ("districts", "communes"))):
            r.problem(("ceremony", "bridge_points"), "ceremony.bridge_points",
                      "{districts: <số>, communes: <số>} / whole numbers for districts and communes")
    signer = data.get("signer") or {}
    plan = Plan(
        plan_id or folder.name, folder,
        r.choice(data.get("kind"), KINDS, ("kind",)) or "communication-plan",
        r.choice(data.get("level"), LEVELS, ("level",)) or "tinh",
        r.unit(data.get("issuer"), units, ("issuer",)),
        r.text(data.get("number"), ("number",)), r.day(data.get("date"), ("date",)),
        r.text(data.get("place"), ("place",)),
        r.text(data.get("title"), ("title",), required=True) or "",
        r.text(data.get("title_en"), ("title_en",)), year, legal,
        r.texts(data.get("purposes"), ("purposes",)),
        r.texts(data.get("requirements"), ("requirements",)),
        r.texts(data.get("themes"), ("themes",)), activities,
        r.text(data.get("funding"), ("funding",)), tuple(responsibilities),
        r.day(data.get("report_deadline"), ("report_deadline",)),
        r.unit(data.get("report_to"), units, ("report_to",)),
        {k: nfc(str(v)) for k, v in signer.items() if v} if isinstance(signer, dict) else {},
        r.texts(data.get("recipients"), ("recipients",)),
        ceremony if isinstance(ceremony, dict) else None)
    if problems.error_count() > before:
        return None
    return plan


def _activity(r: YamlFields, raw, path: tuple, units) -> Activity | None:
    if not isinstance(raw, dict):
        r.problem(path, "activities", "một mục có code, title… / an activity with code, title…")
        return None
    r.keys(raw, ACTIVITY_KEYS, path)
    partners = tuple(p for i, value in enumerate(raw.get("partners") or [])
                     if (p := r.unit(value, units, path + ("partners", i))))
    timeframe = raw.get("timeframe") or {}
    if not isinstance(timeframe, dict):
        r.problem(path + ("timeframe",), "timeframe", "{year: 2024} | {quarter: 2024-Q2} | {month: 2024-03} …")
        timeframe = {}
    r.keys(timeframe, TIMEFRAME_KEYS, path + ("timeframe",))
    if "quarter" in timeframe and not _QUARTER.match(str(timeframe["quarter"])):
        r.problem(path + ("timeframe", "quarter"), "timeframe.quarter", "dạng 2024-Q2 / like 2024-Q2")
    if "month" in timeframe and not _MONTH.match(str(timeframe["month"])):
        r.problem(path + ("timeframe", "month"), "timeframe.month", "dạng 2024-03 / like 2024-03")
    raw_targets = raw.get("target")
    raw_targets = [raw_targets] if isinstance(raw_targets, dict) else (raw_targets or [])
    targets = []
    for index, target in enumerate(raw_targets):
        tpath = path + ("target",) + ((index,) if isinstance(raw.get("target"), list) else ())
        if not isinstance(target, dict):
            r.problem(tpath, "target", "{count, period, kind, languages, note}")
            continue
        r.keys(target, TARGET_KEYS, tpath)
        count = target.get("count")
        if count is not None and (not isinstance(count, int) or count < 0):
            r.problem(tpath + ("count",), "target.count", "một số nguyên / a whole number")
            count = None
        languages = tuple(str(l) for l in target.get("languages") or ())
        targets.append(Target(count, r.choice(target.get("period"), PERIODS, tpath + ("period",)) or "once",
                              r.choice(target.get("kind"), TARGET_KINDS, tpath + ("kind",)) or "other",
                              languages, r.text(target.get("note"), tpath + ("note",))))
    return Activity(
        r.text(raw.get("code"), path + ("code",), required=True) or "?",
        r.text(raw.get("title"), path + ("title",), required=True) or "",
        r.text(raw.get("title_en"), path + ("title_en",)),
        r.text(raw.get("description"), path + ("description",)),
        r.unit(raw.get("lead"), units, path + ("lead",)), partners, dict(timeframe),
        r.choice(raw.get("channel"), CHANNELS, path + ("channel",)) or "other", tuple(targets))


LOG_KEYS = {"activity", "date", "count", "kind", "note", "evidence"}


def read_log(plan: Plan, problems: Problems) -> list[dict]:
    """The activity log ``plans/<id>/log.yml``: what was done for activities the
    portal cannot count itself (television, print, loudspeakers…)."""
    path = plan.folder / "log.yml"
    if not path.is_file():
        return []
    doc = read_yaml(path, problems)
    if doc is None:
        return []
    r = YamlFields(doc, problems)
    codes = {a.code for a in plan.activities}
    entries = []
    raw = doc.data.get("entries") if isinstance(doc.data, dict) else None
    if not isinstance(raw, list):
        r.problem(("entries",), "entries", "một danh sách 'entries:' / a list under 'entries:'")
        return []
    for index, entry in enumerate(raw):
        path_ = ("entries", index)
        if not isinstance(entry, dict):
            r.problem(path_, "entries", "{activity, date, count, note, evidence}")
            continue
        r.keys(entry, LOG_KEYS, path_)
        code = r.text(entry.get("activity"), path_ + ("activity",), required=True)
        if code is not None and code not in codes:
            r.problem(path_ + ("activity",), "activity",
                      f"mã một mục của kế hoạch / an activity code of the plan, not '{code}'"
                      + suggest(code, codes))
            continue
        day = r.day(r.text(entry.get("date"), path_ + ("date",), required=True), path_ + ("date",))
        count = entry.get("count", 1)
        if not isinstance(count, int) or count < 0:
            r.problem(path_ + ("count",), "count", "một số nguyên / a whole number")
            continue
        if code and day:
            entries.append({"activity": code, "date": day, "count": count,
                            "kind": r.choice(entry.get("kind"), TARGET_KINDS, path_ + ("kind",), required=False),
                            "note": r.text(entry.get("note"), path_ + ("note",)),
                            "evidence": r.text(entry.get("evidence"), path_ + ("evidence",))})
    return entries
