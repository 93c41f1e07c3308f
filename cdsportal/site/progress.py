"""Plan progress: actual against target per period, counted from the portal's
own content (news, videos, bulletin issues, radio programmes) and from the
activity log editors keep beside a plan (``plans/<id>/log.yml``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from ..model.plans import Activity, Plan, Target
from .graph import SiteGraph

MEASURED_FROM_CONTENT = {"news", "video", "bulletin", "radio-programme", "event"}  # events
# count for the plan activity they name (``activity: <plan-id>/<code>``)


@dataclass(frozen=True)
class Bucket:
    """One period of a target: what was expected, what was done."""

    start: date
    label_month: tuple[int, int] | None   # (year, month) for monthly buckets
    expected: float
    actual: int
    by_language: dict[str, int]
    future: bool                           # the period has not ended at build time

    @property
    def met(self) -> bool:
        return self.actual >= self.expected


@dataclass(frozen=True)
class TargetProgress:
    activity: Activity
    target: Target
    source: str                 # "content" or "log"
    buckets: tuple[Bucket, ...]

    @property
    def expected(self) -> float:
        return sum(b.expected for b in self.buckets if not b.future)

    @property
    def actual(self) -> int:
        return sum(b.actual for b in self.buckets)

    @property
    def percent(self) -> int:
        return round(100 * self.actual / self.expected) if self.expected else 0


def plan_year(plan: Plan) -> int | None:
    return plan.year or (plan.date.year if plan.date else None)


def measure(plan: Plan, graph: SiteGraph, log: list[dict], now: datetime) -> list[TargetProgress]:
    """Progress of every target of ``plan`` that has a count and a known year."""
    year = plan_year(plan)
    if year is None:
        return []
    events = _content_events(graph, year)
    measured = []
    for activity in plan.activities:
        for target in activity.targets:
            if not target.count:
                continue
            if target.kind == "event":
                dated = [(e.start.date(), "vi", 1) for e in graph.events["vi"]
                         if e.activity == f"{plan.id}/{activity.code}" and e.start <= graph.now]
                source = "content"
            elif target.kind in MEASURED_FROM_CONTENT:
                dated = events[target.kind]
                source = "content"
            else:
                dated = [(d, lang, n) for entry in log if entry["activity"] == activity.code
                         and (entry.get("kind") in (None, target.kind))
                         for d, lang, n in [(entry["date"], "vi", entry.get("count", 1))]]
                if not dated:
                    continue
                source = "log"
            measured.append(TargetProgress(activity, target, source,
                                           tuple(_buckets(target, year, dated, now))))
    return measured


def _content_events(graph: SiteGraph, year: int) -> dict[str, list[tuple[date, str, int]]]:
    """Dated, countable things the portal published in ``year``, per kind."""
    events = {kind: [] for kind in MEASURED_FROM_CONTENT - {"event"}}
    for lang, items in graph.news.items():
        for item in items:
            if item.date.year == year and graph.is_out(item):
                events["news"].append((item.date.date(), lang, 1))
                if item.video or item.youtube:
                    events["video"].append((item.date.date(), lang, 1))
    for lang, programmes in graph.radio.items():
        if lang == "vi":  # a programme is counted once, not per translation
            events["radio-programme"] += [(p.date.date(), lang, 1) for p in programmes
                                          if p.date.year == year and graph.is_out(p)]
    events["bulletin"] = [(i.date.date(), "vi", 1) for i in graph.bulletins
                          if i.year == year and graph.is_out(i)]
    return events


def _buckets(target: Target, year: int, dated, now: datetime):
    today = now.date()
    if target.period in ("year", "once"):
        yield _bucket(date(year, 1, 1), None, target.count, dated, date(year, 12, 31), today)
        return
    for month in range(1, 13):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        if target.period == "month":
            expected = target.count
        elif target.period == "quarter":
            expected = target.count / 3
        else:  # week: the weeks that start in this month
            expected = target.count * sum(1 for d in range(1, last.day + 1)
                                          if date(year, month, d).weekday() == 0)
        yield _bucket(first, (year, month), expected, dated, last, today)


def _bucket(first: date, label_month, expected, dated, last: date, today: date) -> Bucket:
    by_language: dict[str, int] = {}
    for day, lang, count in dated:
        if first <= day <= last:
            by_language[lang] = by_language.get(lang, 0) + count
    return Bucket(first, label_month, expected, sum(by_language.values()), by_language,
                  future=last > today)
