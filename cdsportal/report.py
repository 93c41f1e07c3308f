"""The implementation report a plan demands by its deadline ("báo cáo kết quả"):
per activity, its target, what was done, the percentage and the evidence.

``cdsportal report <plan-id> --format md|csv|pdf``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from .build import Prepared
from .site import urls
from .site.progress import measure
from .site.views.plans import target_text, timeframe_text
from .text import format_date


@dataclass(frozen=True)
class ReportRow:
    code: str
    activity: str
    lead: str
    target: str
    done: str
    percent: str
    evidence: tuple[str, ...]


def report_rows(prepared: Prepared, plan_id: str, now: datetime) -> tuple[object, list[ReportRow]]:
    """The plan and one row per activity (a row per target when it has several)."""
    graph, config = prepared.graph, prepared.config
    plan = next((p for p in graph.plans if p.id == plan_id), None)
    if plan is None:
        known = ", ".join(p.id for p in graph.plans)
        raise KeyError(f"không có kế hoạch '{plan_id}' / no plan '{plan_id}' (known: {known})")
    log = graph.plan_logs.get(plan.id, [])
    measured = {(id(p.activity), id(p.target)): p for p in measure(plan, graph, log, now)}
    rows = []
    for activity in plan.activities:
        lead = config.units[activity.lead].name("vi") if activity.lead else ""
        evidence = tuple(e["evidence"] for e in log if e["activity"] == activity.code and e["evidence"])
        logged = sum(e["count"] for e in log if e["activity"] == activity.code)
        for target in activity.targets or (None,):
            progress = measured.get((id(activity), id(target))) if target else None
            if progress:
                done = f"{progress.actual}/{round(progress.expected)}"
                percent = f"{progress.percent}%"
                found = evidence + _content_evidence(prepared, progress, plan)
            else:
                done = str(logged) if logged else "—"
                percent = "—"
                found = evidence
            rows.append(ReportRow(activity.code, activity.title, lead,
                                  target_text(target, "vi") if target else timeframe_text(activity.timeframe, "vi"),
                                  done, percent, found))
    return plan, rows


def _content_evidence(prepared: Prepared, progress, plan) -> tuple[str, ...]:
    """Where the counted content can be seen: month archives, issues, programmes."""
    graph, absolute = prepared.graph, prepared.config.absolute
    kind, year = progress.target.kind, plan.year
    if kind == "bulletin":
        return tuple(absolute(graph.url_of(i)) for i in graph.bulletins if i.year == year)
    if kind == "radio-programme":
        return tuple(absolute(graph.url_of(p)) for p in graph.radio["vi"] if p.date.year == year)
    return tuple(absolute(urls.archive("vi", year, month))
                 for (y, month) in graph.by_month["vi"] if y == year)


def to_markdown(plan, rows: list[ReportRow], now: datetime) -> str:
    lines = [f"# Báo cáo kết quả thực hiện: {plan.title}", ""]
    facts = [f"Số hiệu: {plan.number or 'không ghi trong văn bản'}",
             f"Ngày ban hành: {format_date(plan.date, 'vi') if plan.date else 'không ghi trong văn bản'}",
             f"Hạn báo cáo: {format_date(plan.report_deadline, 'vi') if plan.report_deadline else 'không ghi trong văn bản'}",
             f"Số liệu tính đến ngày {format_date(now, 'vi')} (đếm từ chuyên trang và nhật ký hoạt động)."]
    lines += [f"- {fact}" for fact in facts] + ["",
              "| Mục | Nhiệm vụ | Chủ trì | Chỉ tiêu | Đã thực hiện | Tỷ lệ | Minh chứng |",
              "|---|---|---|---|---|---|---|"]
    for row in rows:
        cells = [row.code, row.activity, row.lead, row.target, row.done, row.percent,
                 " ".join(f"<{url}>" for url in row.evidence) or "—"]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def to_csv(rows: list[ReportRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ma_muc", "nhiem_vu", "chu_tri", "chi_tieu", "da_thuc_hien", "ty_le", "minh_chung"])
    for row in rows:
        writer.writerow([row.code, row.activity, row.lead, row.target, row.done, row.percent,
                         " ".join(row.evidence)])
    return out.getvalue()


def to_pdf(markdown_text: str) -> bytes:
    """The Markdown report as an A4 landscape PDF with the bundled font."""
    import cmarkgfm
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from .outputs.pdf import FONTS
    body = cmarkgfm.github_flavored_markdown_to_html(markdown_text)
    fonts = FontConfiguration()
    faces = "".join(f'@font-face{{font-family:"Be Vietnam Pro";font-weight:{w};'
                    f'src:url({(FONTS / f).as_uri()})}}'
                    for w, f in ((400, "BeVietnamPro_400Regular.ttf"), (700, "BeVietnamPro_700Bold.ttf")))
    css = CSS(string=faces + """@page{size:A4 landscape;margin:14mm;@bottom-center{content:"Trang "
        counter(page) "/" counter(pages);font:8pt "Be Vietnam Pro"}}
        body{font:9pt/1.4 "Be Vietnam Pro"}h1{font-size:14pt;color:#7d0a19}
        table{border-collapse:collapse;width:100%}th,td{border:.5pt solid #888;padding:1mm 1.5mm;
        vertical-align:top}th{background:#f1f1f1}a{color:#0b5cad;word-break:break-all}""",
              font_config=fonts)
    html = f'<!doctype html><html lang="vi"><meta charset="utf-8"><body>{body}</body></html>'
    return HTML(string=html).write_pdf(stylesheets=[css], font_config=fonts)
