"""Plans, directive documents and units (with what a ceased unit became)."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from ...i18n import DEFAULT_LANGUAGE, strings
from ...text import format_date, format_month
from .. import urls
from ..progress import measure
from .base import PageView, ViewBase, localised


class PlanViews(ViewBase):
    # -- plans, documents, units ---------------------------------------
    def unit_link(self, unit_id: str | None, lang: str) -> dict | None:
        unit = self.config.units.get(unit_id) if unit_id else None
        return {"name": unit.name(lang), "url": urls.unit(lang, unit.id)} if unit else None

    def document_row(self, doc_id: str, lang: str) -> dict:
        document = self.config.documents[doc_id]
        return {"id": document.id, "number": document.number, "type": document.type,
                "date": format_date(document.date, lang) if document.date else None,
                "date_iso": document.date.isoformat() if document.date else None,
                "title": document.title, "issuer": self.unit_link(document.issuer, lang),
                "file": urls.media(self.config, document.file) if document.file else None,
                "url": f"{urls.documents(lang)}#{document.id}"}

    @staticmethod
    def plan_title(plan, lang: str) -> str:
        return localised(plan.title, plan.title_en, lang)

    def plans_index(self, lang: str) -> PageView:
        t = strings(lang)
        groups: dict[str, list[dict]] = {}
        for plan in self.graph.plans:
            groups.setdefault(plan.level, []).append({
                "url": urls.plan(lang, plan.id), "year": plan.year,
                "title": self.plan_title(plan, lang),
                "number": plan.number, "issuer": self.unit_link(plan.issuer, lang),
                "date": format_date(plan.date, lang) if plan.date else None})
        context = self.base(lang, urls.plans(lang), t["plans.title"], section="plans",
                            translations={l: urls.plans(l) for l in self.config.languages})
        context.update({"intro": t["plans.intro"],
                        "groups": [{"heading": t[f"plans.level.{level}"], "plans": plans}
                                   for level, plans in groups.items()]})
        return PageView(urls.plans(lang), "cds/plans.html", context)

    def plan_page(self, plan, lang: str) -> PageView:
        t = strings(lang)
        english = lang != DEFAULT_LANGUAGE
        url = urls.plan(lang, plan.id)
        title = self.plan_title(plan, lang)
        progress = self.plan_progress[plan.id]
        context = self.base(lang, url, title, section="plans",
                            translations={l: urls.plan(l, plan.id) for l in self.config.languages})
        context.update({
            "plan": {
                "title": title, "original_title": plan.title if english else None,
                "number": plan.number, "date": format_date(plan.date, lang) if plan.date else None,
                "year": plan.year,
                "issuer": self.unit_link(plan.issuer, lang),
                "legal_basis": [self.document_row(d, lang) for d in plan.legal_basis],
                "purposes": plan.purposes, "requirements": plan.requirements, "themes": plan.themes,
                "funding": plan.funding,
                "report": t["plans.report_by"].format(
                    date=format_date(plan.report_deadline, lang),
                    unit=self.unit_link(plan.report_to, lang)["name"] if plan.report_to else "…")
                if plan.report_deadline else None,
                "signer": plan.signer, "recipients": plan.recipients,
                "responsibilities": [{"unit": self.unit_link(r.unit, lang), "duties": r.duties}
                                     for r in plan.responsibilities],
                "ceremony": plan.ceremony,
            },
            "activities": [{
                "code": a.code, "title": localised(a.title, a.title_en, lang),
                "description": a.description if not english else None,
                "lead": self.unit_link(a.lead, lang),
                "partners": [self.unit_link(p, lang) for p in a.partners],
                "time": timeframe_text(a.timeframe, lang),
                "targets": [target_text(target, lang) for target in a.targets],
            } for a in plan.activities],
            "progress": [progress_view(p, lang) for p in progress],
            "ceremony_when": ceremony_when(plan.ceremony, lang),
            "ceremony_format": ", ".join(t.get(f"plans.format.{f}", f)
                                         for f in (plan.ceremony or {}).get("format") or []),
            "bridge_points": t["plans.bridge_points"].format(**plan.ceremony["bridge_points"])
            if plan.ceremony and isinstance(plan.ceremony.get("bridge_points"), dict) else None,
        })
        return PageView(url, "cds/plan.html", context)

    def documents_page(self, lang: str) -> PageView:
        t = strings(lang)
        cited: dict[str, list[dict]] = {}
        for plan in self.graph.plans:
            for doc_id in plan.legal_basis:
                cited.setdefault(doc_id, []).append({"url": urls.plan(lang, plan.id),
                                                     "title": self.plan_title(plan, lang)})
        rows = sorted((self.document_row(d, lang) | {"cited_by": cited.get(d, [])}
                       for d in self.config.documents),
                      key=lambda r: (r["date_iso"] or "", r["number"] or ""), reverse=True)
        types = sorted({r["type"] for r in rows})
        context = self.base(lang, urls.documents(lang), t["documents.title"], section="plans",
                            translations={l: urls.documents(l) for l in self.config.languages})
        context.update({"intro": t["documents.intro"], "rows": rows,
                        "types": [{"key": k, "name": t.get(f"doctype.{k}", k)} for k in types]})
        return PageView(urls.documents(lang), "cds/documents.html", context)

    @cached_property
    def plans_by_unit(self) -> dict[str, list]:
        """Unit id → the plans that name it (issuer, lead, partner, duties), made once."""
        index: dict[str, list] = {}
        for plan in self.graph.plans:
            named = {plan.issuer, plan.report_to, *(r.unit for r in plan.responsibilities)}
            for activity in plan.activities:
                named.update((activity.lead, *activity.partners))
            for unit_id in sorted(u for u in named if u):
                index.setdefault(unit_id, []).append(plan)
        return index

    @cached_property
    def plan_progress(self) -> dict[str, list]:
        """Plan id → its measured progress (the same for both languages: made once)."""
        graph = self.graph
        return {plan.id: measure(plan, graph, graph.plan_logs.get(plan.id, []), graph.now)
                for plan in graph.plans}

    def unit_page(self, unit, lang: str) -> PageView:
        """A unit's page; one that ceased says what it became and links there."""
        t = strings(lang)
        url = urls.unit(lang, unit.id)
        plans = [{"url": urls.plan(lang, p.id), "title": self.plan_title(p, lang)}
                 for p in self.plans_by_unit.get(unit.id, ())]
        context = self.base(lang, url, unit.name(lang), section="plans",
                            translations={l: urls.unit(l, unit.id) for l in self.config.languages})
        context.update({"unit": {
            "name": unit.name(lang), "short": unit.short, "level": t.get(f"plans.level.{unit.level}", unit.level),
            "parent": self.unit_link(unit.parent, lang), "website": unit.website,
            "ended": format_date(unit.valid_to, lang) if unit.valid_to else None,
            "successor": self.unit_link(unit.successor, lang),
            "note": unit.note.get(lang) or unit.note.get("vi")}, "plans": plans})
        return PageView(url, "cds/unit.html", context)


def timeframe_text(timeframe: dict, lang: str) -> str:
    """``Quý I/2024`` / ``Q1 2024``, ``Tháng 3/2024``, ``Năm 2024``, or as printed."""
    if "month" in timeframe:
        year, month = str(timeframe["month"]).split("-")
        return format_month(int(year), int(month), lang)
    if "quarter" in timeframe:
        year, quarter = str(timeframe["quarter"]).split("-Q")
        roman = ["I", "II", "III", "IV"][int(quarter) - 1]
        return f"Quý {roman}/{year}" if lang == "vi" else f"Q{quarter} {year}"
    if "year" in timeframe:
        return f"Năm {timeframe['year']}" if lang == "vi" else str(timeframe["year"])
    if "from" in timeframe or "to" in timeframe:
        return f"{timeframe.get('from', '…')} – {timeframe.get('to', '…')}"
    return str(timeframe.get("recurring", "")) or strings(lang)["plans.not_stated"]


def ceremony_when(ceremony: dict | None, lang: str) -> str | None:
    """When a ceremony takes place, from what the plan states (date, month, start)."""
    time = (ceremony or {}).get("time") or {}
    if not isinstance(time, dict):
        return None
    day, month, start = time.get("date"), time.get("month"), time.get("start")
    if day:
        text = format_date(date.fromisoformat(str(day)), lang)
    elif month:
        year, number = str(month).split("-")
        text = format_month(int(year), int(number), lang)
    else:
        return strings(lang)["plans.not_stated"]
    return f"{text}, {start}" if start else text


def target_text(target, lang: str) -> str:
    """``15 tin, bài mỗi tháng (vi, en)``."""
    t = strings(lang)
    count = target.count if target.count is not None else "…"
    text = t[f"plans.per.{target.period}"].format(n=f"{count} {t[f'plans.kind.{target.kind}']}")
    return text + (f" ({', '.join(target.languages)})" if target.languages else "")


def progress_view(progress, lang: str) -> dict:
    """A target's progress as table rows and an SVG bar chart (coordinates computed here)."""
    t = strings(lang)
    buckets = progress.buckets
    width, height, left, bottom = 640, 180, 34, 28
    top = max([b.actual for b in buckets] + [b.expected for b in buckets] + [1]) * 1.15
    slot = (width - left) / len(buckets)

    def y(value: float) -> float:
        return round(height - bottom - value / top * (height - bottom - 8), 1)

    rows, bars = [], []
    for index, bucket in enumerate(buckets):
        label = (f"{bucket.label_month[1]:02d}" if bucket.label_month else str(bucket.start.year))
        status = "future" if bucket.future else ("met" if bucket.met else "short")
        rows.append({"label": format_month(*bucket.label_month, lang) if bucket.label_month
                     else str(bucket.start.year), "actual": bucket.actual,
                     "expected": round(bucket.expected, 1), "status": t[{"future": "plans.future",
                     "met": "plans.met", "short": "plans.shortfall"}[status]],
                     "by_language": ", ".join(f"{k}: {v}" for k, v in sorted(bucket.by_language.items())),
                     "short": status == "short"})
        bars.append({"x": round(left + index * slot + slot * 0.15, 1), "w": round(slot * 0.7, 1),
                     "y": y(bucket.actual), "h": round(height - bottom - y(bucket.actual), 1),
                     "target_y": y(bucket.expected), "label": label, "value": bucket.actual,
                     "cls": status})
    summary = (f"{t['plans.done']}: {progress.actual} / {t['plans.expected']}: "
               f"{round(progress.expected)} ({progress.percent}%)")
    return {"code": progress.activity.code,
            "title": localised(progress.activity.title, progress.activity.title_en, lang),
            "target": target_text(progress.target, lang), "source": t[f"plans.source.{progress.source}"],
            "summary": summary, "short": progress.actual < progress.expected,
            "rows": rows, "chart": {"width": width, "height": height, "bars": bars,
                                    "base_y": height - bottom, "left": left,
                                    "top_label": round(top / 1.15)}}


