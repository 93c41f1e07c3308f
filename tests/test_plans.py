"""Plans as data (docs/dinh-dang-ke-hoach.md): the schema of plans/<id>/plan.yml,
log.yml and the unit and document registries; the plan pages of the example
portal; progress counted against a plan's targets; unit and document pages.

Every validation problem must name the file, the line and the field, so an
editor can fix it without reading Python; every number on a plan page must come
from the plan or from what the portal published.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
import yaml

from cdsportal.build import prepare
from cdsportal.diagnostics import Problems
from cdsportal.mkdocs_adapter import portal_config
from cdsportal.model.plans import plan_folders, read_log, read_plan
from cdsportal.site.progress import measure
from cdsportal.site.views.plans import progress_view
from cdsportal.text import TIMEZONE
from conftest import FixtureSite
from test_bulletins import issue
from test_model import problems_of

ROOT = Path(__file__).resolve().parents[1]
VI = yaml.safe_load((ROOT / "cdsportal/locales/vi.yml").read_text(encoding="utf-8"))
NOT_STATED = VI["plans.not_stated"]          # "không ghi trong văn bản"

# More units beside the fixture's so-tttt, so that "did you mean" has to choose.
UNITS = """\
units:
  - id: so-khcn
    name: {vi: Sở Khoa học và Công nghệ, en: Department of Science and Technology}
    level: tinh
    kind: so-nganh
  - id: dai-pt-th
    name: {vi: Đài Phát thanh và Truyền hình, en: Radio and Television}
    level: tinh
    kind: dai-phat-thanh
  - id: bao-tinh
    name: {vi: Báo tỉnh, en: Provincial newspaper}
    level: bao-chi
    kind: bao-chi
"""
DOCUMENTS = """\
documents:
  - id: kh-1-2024-so-tttt
    number: 1/KH-STTTT
    date: 2024-01-02
    issuer: so-tttt
    type: ke-hoach
    title: về chuyển đổi số năm 2024
"""
# A valid plan; every snippet the tests replace occurs exactly once.
PLAN = """\
id: p
kind: communication-plan
level: tinh
issuer: so-tttt
number: 01/KH-STTTT
date: 2024-01-03
title: Kế hoạch truyền thông thử nghiệm năm 2024
title_en: Test communication plan 2024
year: 2024
legal_basis: [kh-1-2024-so-tttt]
activities:
  - code: III.1
    title: Tin, bài trên chuyên trang
    title_en: News on the portal
    lead: so-tttt
    partners: [bao-tinh]
    timeframe: {year: 2024}
    channel: portal
    target: {count: 3, period: month, kind: news, languages: [vi, en]}
  - code: III.2
    title: Bản tin điện tử
    title_en: E-bulletin
    lead: so-khcn
    timeframe: {quarter: 2024-Q1}
    channel: publication
    target: {count: 2, period: year, kind: bulletin}
  - code: III.3
    title: Chuyên mục truyền hình
    title_en: Television segment
    lead: dai-pt-th
    timeframe: {month: 2024-03}
    channel: television
    target: {count: 1, period: week, kind: other, note: "01 số/tuần"}
report_deadline: 2024-12-15
report_to: so-tttt
"""
LOG = """\
entries:
  - activity: III.3
    date: 2024-01-08
    note: Phát sóng số 1
  - activity: III.3
    date: 2024-01-15
    count: 2
    note: Phát sóng số 2 và một lần phát lại
  - activity: III.3
    date: 2024-02-05
    evidence: https://example.vn/truyen-hinh/so-3
"""


def broken(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    found = [n for n, row in enumerate(text.splitlines(), 1) if needle in row]
    return found[occurrence - 1]


def plan_site(site: FixtureSite, plan: str = PLAN, log: str | None = None,
              folder: str = "p") -> FixtureSite:
    site.write("content/units/them.yml", UNITS)
    site.write("content/documents/van-ban.yml", DOCUMENTS)
    site.write(f"plans/{folder}/plan.yml", plan)
    if log is not None:
        site.write(f"plans/{folder}/log.yml", log)
    return site


def problem_for(problems, field: str, file: str = "plans/p/plan.yml"):
    found = [p for p in problems if p.field == field and p.file == file]
    assert found, f"no problem for {file} [{field}] in {[str(p) for p in problems]}"
    return found[0]


# --------------------------------------------------------------------------
# 1. Schema errors name file, line and field
# --------------------------------------------------------------------------

def test_valid_plan_log_and_registries_have_no_problem(fixture_site):
    """If this fails, the documented plan format itself is rejected: editors
    following docs/dinh-dang-ke-hoach.md get errors for a correct plan."""
    plan_site(fixture_site, log=LOG)
    assert problems_of(fixture_site) == []


def test_unknown_plan_key_is_reported_with_the_known_one(fixture_site):
    """A misspelt key (``recipents``) would otherwise be ignored silently and the
    'Nơi nhận' list would vanish from the page without a word."""
    plan = broken(PLAN, "year: 2024\n", "year: 2024\nrecipents: [\"Như trên;\"]\n")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "recipents")
    assert problem.line == line(plan, "recipents")
    assert "did you mean: recipients" in problem.expected


def test_unknown_activity_key_is_reported_with_the_known_one(fixture_site):
    """A misspelt ``chanel`` inside an activity must point at the activity's line."""
    plan = broken(PLAN, "channel: television", "chanel: television")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "activities.2.chanel")
    assert problem.line == line(plan, "chanel: television")
    assert "channel" in problem.expected


def test_unknown_lead_unit_suggests_the_closest_id(fixture_site):
    """A typo in a unit id would leave the 'Chủ trì' column empty; the editor
    must be told which known id was meant."""
    plan = broken(PLAN, "lead: so-tttt", "lead: so-ttt")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "activities.0.lead")
    assert problem.line == line(plan, "lead: so-ttt")
    assert "'so-ttt'" in problem.expected and "did you mean: so-tttt" in problem.expected


def test_unknown_legal_basis_document(fixture_site):
    """A legal basis naming no document of content/documents would be a dead
    link to /van-ban/; it must be an error with the closest id."""
    plan = broken(PLAN, "[kh-1-2024-so-tttt]", "[kh-1-2024-so-ttt]")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "legal_basis")
    assert problem.line == line(plan, "legal_basis:")
    assert "kh-1-2024-so-ttt'" in problem.expected and "kh-1-2024-so-tttt" in problem.expected


def test_bad_quarter(fixture_site):
    """``2024-Q5`` is no quarter; the page would show nonsense as the time frame."""
    plan = broken(PLAN, "2024-Q1", "2024-Q5")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "timeframe.quarter")
    assert problem.line == line(plan, "2024-Q5")
    assert "2024-Q2" in problem.expected


def test_bad_month_is_an_error_not_a_crash(fixture_site):
    """``month: 2024-13`` used to pass the check and then stop the build with a
    bare "month must be in 1..12" that named no file."""
    plan = broken(PLAN, "{month: 2024-03}", "{month: 2024-13}")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "timeframe.month")
    assert problem.line == line(plan, "2024-13")


def test_bad_target_period(fixture_site):
    """A period the progress chart cannot bucket (``monthly``) must be named
    with the allowed values, at the target's line."""
    plan = broken(PLAN, "period: month,", "period: monthly,")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "activities.0.target.period")
    assert problem.line == line(plan, "period: monthly")
    assert "month" in problem.expected and "week" in problem.expected


def test_duplicate_activity_codes(fixture_site):
    """Two activities coded III.2 would make log entries and progress ambiguous."""
    plan = broken(PLAN, "code: III.3", "code: III.2")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "activities.code")
    assert "'III.2'" in problem.expected
    # Today the line is that of 'activities:'; the second 'code: III.2' would be better.
    assert problem.line in (line(plan, "activities:"), line(plan, "code: III.2", 2))


def test_id_must_equal_the_folder_name(fixture_site):
    """A plan whose id differs from its folder would be published at one
    address and linked from news and events at another."""
    plan = broken(PLAN, "id: p\n", "id: q\n")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "id")
    assert problem.line == 1 and "'p'" in problem.expected


def test_impossible_plan_date(fixture_site):
    """30 February must be reported (with the value) rather than crash or be
    shown as the plan's date of issue."""
    plan = broken(PLAN, "date: 2024-01-03", "date: 2024-02-30")
    plan_site(fixture_site, plan)
    problem = problem_for(problems_of(fixture_site), "date")
    assert problem.line == line(plan, "date: 2024-02-30")
    assert "YYYY-MM-DD" in problem.expected and "2024-02-30" in problem.expected


def test_duplicate_unit_id_names_both_files(fixture_site):
    """Two units with one id would make every link to it ambiguous; the error
    points at the second and names the file that has the first."""
    plan_site(fixture_site)
    text = "units:\n  - id: so-tttt\n    name: {vi: Sở TT&TT}\n    level: tinh\n    kind: so-nganh\n"
    fixture_site.write("content/units/trung.yml", text)
    problem = problem_for(problems_of(fixture_site), "id", "content/units/trung.yml")
    assert problem.line == 2 and "content/units/don-vi.yml" in problem.expected


def test_unknown_successor_suggests_the_closest_id(fixture_site):
    """A ceased unit whose successor does not exist would link nowhere."""
    plan_site(fixture_site)
    text = ("units:\n  - id: phong-vh-tt\n    name: {vi: Phòng Văn hóa - Thông tin}\n"
            "    level: huyen\n    kind: khac\n    valid_to: 2025-06-30\n    successor: so-khcnn\n")
    fixture_site.write("content/units/sap-xep.yml", text)
    problem = problem_for(problems_of(fixture_site), "successor", "content/units/sap-xep.yml")
    assert problem.line == 7 and "did you mean: so-khcn" in problem.expected


def test_successor_without_end_date(fixture_site):
    """A successor with no valid_to cannot say when the unit ceased."""
    plan_site(fixture_site)
    text = ("units:\n  - id: dai-truyen-thanh\n    name: {vi: Đài truyền thanh}\n"
            "    level: xa\n    kind: dai-truyen-thanh\n    successor: so-khcn\n")
    fixture_site.write("content/units/sap-xep.yml", text)
    problem = problem_for(problems_of(fixture_site), "valid_to", "content/units/sap-xep.yml")
    assert problem.line == 6


def test_log_entry_for_an_activity_the_plan_lacks(fixture_site):
    """A log entry for III.33 (no such point) would be silently uncounted."""
    log = LOG + "  - activity: III.33\n    date: 2024-03-04\n"
    plan_site(fixture_site, log=log)
    problem = problem_for(problems_of(fixture_site), "activity", "plans/p/log.yml")
    assert problem.line == line(log, "III.33")
    assert "'III.33'" in problem.expected and "did you mean: III.3" in problem.expected


def test_log_entry_without_a_date_or_with_an_unknown_kind(fixture_site):
    """An undated entry, or one of a kind no target has, used to be dropped or
    never matched without a word: the editor saw a count that ignored it."""
    log = LOG + "  - activity: III.3\n    count: 4\n  - activity: III.3\n    date: 2024-03-04\n    kind: tv\n"
    plan_site(fixture_site, log=log)
    problems = problems_of(fixture_site)
    assert problem_for(problems, "entries.3.date", "plans/p/log.yml").line == line(log, "count: 4") - 1
    kind = problem_for(problems, "entries.4.kind", "plans/p/log.yml")
    assert kind.line == line(log, "kind: tv") and "other" in kind.expected


def test_every_problem_is_reported_at_once(fixture_site):
    """Editors fix a plan in one pass: all problems of all plan and registry
    files are listed together, not one per build."""
    plan = broken(PLAN, "lead: so-tttt", "lead: so-ttt")
    plan = broken(plan, "2024-Q1", "2024-Q5")
    plan = broken(plan, "date: 2024-01-03", "date: 03/01/2024")
    plan = broken(plan, "year: 2024\n", "year: 2024\nfundng: null\n")
    plan_site(fixture_site, plan)
    plan_site(fixture_site, broken(PLAN, "id: p\n", "id: r\n"), folder="r",
              log="entries:\n  - activity: IV.1\n    date: 2024-01-01\n")
    fixture_site.write("content/units/sap-xep.yml",
                       "units:\n  - id: x\n    name: {vi: X}\n    level: xa\n    kind: ubnd\n"
                       "    successor: khong-co\n")
    found = {(p.file, p.field) for p in problems_of(fixture_site)}
    assert {("plans/p/plan.yml", "activities.0.lead"), ("plans/p/plan.yml", "timeframe.quarter"),
            ("plans/p/plan.yml", "date"), ("plans/p/plan.yml", "fundng"),
            ("plans/r/log.yml", "activity"), ("content/units/sap-xep.yml", "successor"),
            ("content/units/sap-xep.yml", "valid_to")} <= found


def test_a_plan_that_is_a_list_says_so(fixture_site):
    """A plan.yml written as a list (each field with a leading "- ") used to be
    read as an empty plan, reported only as a missing id."""
    plan = "".join(f"- {row}\n" for row in PLAN.splitlines() if row and not row.startswith(" "))
    plan_site(fixture_site, plan)
    problems = problems_of(fixture_site)
    assert [(p.field, p.line) for p in problems if p.file == "plans/p/plan.yml"] == [("plan.yml", 1)]
    assert "'key: value' pairs" in problem_for(problems, "plan.yml").expected


def test_malformed_bridge_points_is_an_error_not_a_crash(fixture_site):
    """PRODUCT BUG (reported): ``bridge_points: {districts: 13}`` passes the
    check, then the build stops with a bare "'communes'" naming no file."""
    plan = broken(PLAN, "kind: communication-plan", "kind: launch-ceremony")
    plan += "ceremony:\n  bridge_points: {districts: 13}\n"
    plan_site(fixture_site, plan)
    problems = problems_of(fixture_site)
    assert any(p.file == "plans/p/plan.yml" and "bridge_points" in p.field for p in problems), \
        [str(p) for p in problems]


# --------------------------------------------------------------------------
# 2. The seed plans of the example and their pages
# --------------------------------------------------------------------------

def page(site: Path, url: str):
    return lxml.html.fromstring((site / url.strip("/") / "index.html").read_bytes())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def facts(doc) -> dict[str, str]:
    """The plan's fact list (<dl class="cds-facts">) as label → text."""
    dl = doc.find_class("cds-facts")[0]
    return {text_of(dt): text_of(dd) for dt, dd in zip(dl.findall("dt"), dl.findall("dd"))}


def activity_rows(doc) -> dict[str, list[str]]:
    """The activities table as code → [title, lead, partners, time, target]."""
    table = doc.find_class("cds-activities")[0]
    return {text_of(tr.find("th")): [text_of(td) for td in tr.findall("td")]
            for tr in table.find("tbody").findall("tr")}


def seed_yaml(plan_id: str) -> dict:
    return yaml.load((ROOT / "plans" / plan_id / "plan.yml").read_text(encoding="utf-8"),
                     Loader=yaml.BaseLoader)  # every value as text, as it is printed


def test_every_seed_plan_loads():
    """If a seed plan stops validating, the example portal cannot be built."""
    problems = Problems(ROOT)
    config = portal_config(ROOT / "mkdocs.yml", problems)
    folders = plan_folders(ROOT / "plans")
    assert {f.name for f in folders} >= {"quang-ngai-2023", "quang-ngai-2024",
                                         "le-phat-dong-cds-2023", "binh-son-2024"}
    for folder in folders:
        plan = read_plan(folder, config, problems)
        assert plan is not None and plan.id == folder.name and plan.activities, folder
        read_log(plan, problems)
    assert problems.errors == [], problems.report()


def test_example_plans_beside_the_portal_load_with_their_registries(tmp_path):
    """examples/*/ (the Ái Thượng commune) bring their own units and documents;
    their plans must validate against them."""
    for example in sorted(p for p in (ROOT / "examples").iterdir() if (p / "plans").is_dir()):
        site = FixtureSite(tmp_path / example.name)
        shutil.copytree(example / "plans", site.root / "plans")
        for registry in ("units", "documents"):
            if (example / "content" / registry).is_dir():
                shutil.copytree(example / "content" / registry, site.root / "content" / registry,
                                dirs_exist_ok=True)
        assert problems_of(site) == [], example.name


def test_every_seed_plan_has_its_pages_with_every_activity(example_site):
    """Each plan is published in both languages with every point of section III,
    coded exactly as printed (III.2.đ keeps its đ)."""
    for folder in plan_folders(ROOT / "plans"):
        data = seed_yaml(folder.name)
        codes = [a["code"] for a in data["activities"]]
        for url in (f"/ke-hoach/{folder.name}/", f"/en/plans/{folder.name}/"):
            doc = page(example_site, url)
            assert list(activity_rows(doc)) == codes, url
        listed = text_of(page(example_site, "/ke-hoach/"))
        assert data["title"] in listed


def test_quang_ngai_2024_page_shows_its_facts(example_site):
    """The 2024 provincial plan: number, date, the two targets editors check
    most (15 news items a month in both languages, 12 bulletin issues a year)."""
    data = seed_yaml("quang-ngai-2024")
    doc = page(example_site, "/ke-hoach/quang-ngai-2024/")
    shown = facts(doc)
    assert shown[VI["plans.number"]] == "01/KH-UBND" == data["number"]
    assert shown[VI["plans.date"]] == "03/01/2024"
    assert shown[VI["plans.report"]].startswith("trước ngày 15/11/2024")
    rows = activity_rows(doc)
    assert rows["III.2.d"][4] == "15 tin, bài mỗi tháng (vi, en)"
    bulletin = next(a for a in data["activities"]
                    if isinstance(a.get("target"), dict) and a["target"]["kind"] == "bulletin")
    target = bulletin["target"]
    expected = VI[f"plans.per.{target['period']}"].format(
        n=f"{target['count']} {VI['plans.kind.bulletin']}")
    assert expected == "12 số bản tin mỗi năm"
    assert rows[bulletin["code"]][4] == expected
    headings = [text_of(h) for h in doc.find_class("cds-progress")]
    assert any(h.startswith("III.2.d ·") and "15 tin, bài mỗi tháng (vi, en)" in h for h in headings)
    assert any(h.startswith(f"{bulletin['code']} ·") and expected in h for h in headings)


def test_launch_ceremony_page(example_site):
    """The launch-ceremony plan: bridge points, the 7-people-in-7-days target and
    the 15/8/2023 report deadline must all be on its page."""
    data = seed_yaml("le-phat-dong-cds-2023")
    ceremony = data["ceremony"]
    doc = page(example_site, "/ke-hoach/le-phat-dong-cds-2023/")
    body = text_of(doc.get_element_by_id("noi-dung"))
    points = VI["plans.bridge_points"].format(**ceremony["bridge_points"])
    assert points == "Điểm cầu: 13 cấp huyện, 173 cấp xã" and points in body
    target = ceremony["targets"][0]
    assert target["count"] == "7" and target["within_days"] == "7"
    items = [text_of(li) for li in doc.xpath(
        f"//h3[normalize-space()='{VI['plans.ceremony_targets']}']/following-sibling::ul[1]/li")]
    assert items == [" ".join(target["description"].split())]
    assert "07 người dân" in items[0] and "07 ngày" in items[0] and "15/8/2023" in items[0]
    assert facts(doc)[VI["plans.report"]].startswith("trước ngày 15/08/2023")


def test_facts_the_document_does_not_state(example_site):
    """Where a seed gives no number or date the page must say so, not show a
    blank or an invented value."""
    for plan_id in ("quang-ngai-2023", "le-phat-dong-cds-2023"):
        data = seed_yaml(plan_id)
        assert data["number"] in ("null", "") and data["date"] in ("null", "")
        shown = facts(page(example_site, f"/ke-hoach/{plan_id}/"))
        assert shown[VI["plans.number"]] == NOT_STATED
        assert shown[VI["plans.date"]] == NOT_STATED


def test_english_plan_page(example_site):
    """The English page is in English (lang, title, activity titles) and keeps
    the Vietnamese original title marked as Vietnamese."""
    data = seed_yaml("quang-ngai-2024")
    doc = page(example_site, "/en/plans/quang-ngai-2024/")
    assert doc.get("lang") == "en"
    assert text_of(doc.find(".//h1")) == data["title_en"]
    original = doc.xpath("//article//p[@lang='vi']")
    assert original and text_of(original[0]) == data["title"]
    rows = activity_rows(doc)
    for activity in data["activities"]:
        assert rows[activity["code"]][0] == activity.get("title_en", activity["title"])
    shown = facts(doc)
    assert shown["Number"] == "01/KH-UBND" and shown["Date issued"] == "3 January 2024"


# --------------------------------------------------------------------------
# 3. Progress: actual against target, per period
# --------------------------------------------------------------------------

def progress_fixture(site: FixtureSite) -> FixtureSite:
    """The fixture plan and what the portal published for it in 2024:
    January 3 items (vi), February 1 item + its English translation, March
    only a draft; a bulletin issue; the television log."""
    plan_site(site, log=LOG)
    site.news("truoc", date="2023-12-31 23:59")              # 2023: not this plan's year
    site.news("t1-a", date="2024-01-05 08:00")
    site.news("t1-b", date="2024-01-20 09:00")
    site.news("t1-c", date="2024-01-31 23:30")                # still January in +07:00
    site.news("t2", date="2024-02-01 00:15")                  # February in +07:00 (31/1 in UTC)
    site.news("t2", lang="en", title="News t2", date="2024-02-01 00:15")
    site.news("nhap", date="2024-03-10 08:00", draft="true")  # a draft is not published
    issue(site, 2024, 1, "2024-03-15")
    return site


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory):
    """The progress fixture built once. The build counts up to "now" (build_time
    is datetime.now in +07:00): every date above is in 2024, all past."""
    assert datetime.now(TIMEZONE).year >= 2025, "the fixture's months must all be past"
    site = progress_fixture(FixtureSite(tmp_path_factory.mktemp("progress") / "portal"))
    return site.build()


def section(doc, code: str):
    """The progress section of the target of activity ``code``."""
    found = [s for s in doc.find_class("cds-progress") if text_of(s.find("h3")).startswith(f"{code} ·")]
    assert len(found) == 1, f"{len(found)} progress sections for {code}"
    return found[0]


def rows_of(sec) -> dict[str, tuple[str, str, str, bool]]:
    """Table rows as label → (done, target, status, marked short)."""
    return {text_of(tr.find("th")): tuple(text_of(td) for td in tr.findall("td")[:3])
            + ("cds-short" in (tr.get("class") or ""),)
            for tr in sec.find(".//tbody").findall("tr")}


def test_monthly_news_target_counts_both_languages(progress_site):
    """15-a-month style targets: January has 3 items (met), February 1 + its
    English translation (2, short of 3), March nothing published (0, short).
    A wrong count here is a wrong report to the province."""
    sec = section(page(progress_site, "/ke-hoach/p/"), "III.1")
    rows = rows_of(sec)
    assert len(rows) == 12
    assert rows["tháng 1/2024"] == ("3 (vi: 3)", "3", VI["plans.met"], False)
    assert rows["tháng 2/2024"] == ("2 (en: 1, vi: 1)", "3", VI["plans.shortfall"], True)
    assert rows["tháng 3/2024"] == ("0", "3", VI["plans.shortfall"], True)
    assert rows["tháng 12/2024"][0] == "0"
    assert VI["plans.source.content"] in text_of(sec)
    assert "Đã thực hiện: 5 / Chỉ tiêu đến nay: 36 (14%)" in text_of(sec)
    assert "cds-progress--short" in sec.get("class")


def test_progress_chart_is_accessible_and_marks_short_months(progress_site):
    """Screen-reader users get the chart as one image with a title and a
    description of every month; sighted users see short months' bars in the
    shortfall colour."""
    sec = section(page(progress_site, "/ke-hoach/p/"), "III.1")
    svg = sec.find(".//svg")
    assert svg.get("role") == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and desc is not None
    assert set(svg.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    assert text_of(title) == "III.1: 3 tin, bài mỗi tháng (vi, en)"
    assert "tháng 1/2024: 3/3 (Đạt)" in text_of(desc)
    assert "tháng 2/2024: 2/3 (Chưa đạt)" in text_of(desc)
    bars = [r for r in svg.findall("rect") if "cds-chart__bar" in r.get("class")]
    assert len(bars) == 12
    assert "cds-chart__bar--met" in bars[0].get("class")
    assert "cds-chart__bar--short" in bars[1].get("class")
    assert "cds-chart__bar--short" in bars[2].get("class")
    assert float(bars[0].get("height")) > float(bars[1].get("height")) > float(bars[2].get("height")) == 0


def test_yearly_bulletin_target(progress_site):
    """A yearly target is one row for the year: one issue of the two planned."""
    rows = rows_of(section(page(progress_site, "/ke-hoach/p/"), "III.2"))
    assert rows == {"2024": ("1 (vi: 1)", "2", VI["plans.shortfall"], True)}


def test_log_based_target_counts_the_log(progress_site):
    """Television is not on the portal: its weekly target is measured from
    plans/p/log.yml (count 1 + 2 in January, 1 in February) against the weeks
    of each month (Mondays: 5 in January 2024, 4 in February)."""
    sec = section(page(progress_site, "/ke-hoach/p/"), "III.3")
    assert VI["plans.source.log"] in text_of(sec)
    rows = rows_of(sec)
    assert rows["tháng 1/2024"][:3] == ("3 (vi: 3)", "5", VI["plans.shortfall"])
    assert rows["tháng 2/2024"][:3] == ("1 (vi: 1)", "4", VI["plans.shortfall"])
    assert rows["tháng 3/2024"][0] == "0"
    assert "Đã thực hiện: 4 / Chỉ tiêu đến nay: 53 (8%)" in text_of(sec)


def test_fixture_plan_page_facts_and_legal_basis(progress_site):
    """The fixture plan's own facts and its legal basis link to /van-ban/."""
    doc = page(progress_site, "/ke-hoach/p/")
    assert facts(doc)[VI["plans.number"]] == "01/KH-STTTT"
    links = doc.xpath("//h2[normalize-space()='Căn cứ']/following-sibling::ul[1]//a/@href")
    assert links == ["/van-ban/#kh-1-2024-so-tttt"]
    assert page(progress_site, "/van-ban/").get_element_by_id("kh-1-2024-so-tttt") is not None
    english = section(page(progress_site, "/en/plans/p/"), "III.1")
    assert "3 news items a month (vi, en)" in text_of(english)


def test_months_after_build_time_are_not_yet_due(tmp_path):
    """Built on 15/02/2024, February has not ended: it is 'chưa đến kỳ', not a
    shortfall, and 'target to date' counts January only."""
    site = progress_fixture(FixtureSite(tmp_path / "portal"))
    problems = Problems(site.root)
    config = portal_config(site.root / "mkdocs.yml", problems)
    now = datetime(2024, 2, 15, 12, 0, tzinfo=TIMEZONE)
    graph = prepare(config, problems, now=now).graph
    plan = graph.plans[0]
    news = next(p for p in measure(plan, graph, graph.plan_logs[plan.id], now)
                if p.activity.code == "III.1")
    view = progress_view(news, "vi")
    rows = {r["label"]: r for r in view["rows"]}
    assert rows["tháng 1/2024"]["status"] == VI["plans.met"]
    assert rows["tháng 2/2024"]["status"] == VI["plans.future"] and not rows["tháng 2/2024"]["short"]
    assert rows["tháng 3/2024"]["status"] == VI["plans.future"]
    assert view["summary"] == "Đã thực hiện: 5 / Chỉ tiêu đến nay: 3 (167%)"
    assert [b["cls"] for b in view["chart"]["bars"]][:3] == ["met", "future", "future"]


# --------------------------------------------------------------------------
# 4. Units: the 2025 reorganisation
# --------------------------------------------------------------------------

def example_units():
    problems = Problems(ROOT)
    return portal_config(ROOT / "mkdocs.yml", problems).units


def test_merged_department_names_its_successor(example_site):
    """Sở TT&TT merged into Sở KH&CN on 28/02/2025: its page says so and links
    to the successor's page, which exists, in both languages."""
    notice = page(example_site, "/don-vi/so-tttt-quang-ngai/").find_class("cds-notice")[0]
    assert "28/02/2025" in text_of(notice)
    assert [a.get("href") for a in notice.iter("a")] == ["/don-vi/so-khcn-quang-ngai/"]
    assert (example_site / "don-vi/so-khcn-quang-ngai/index.html").is_file()
    english = page(example_site, "/en/units/so-tttt-quang-ngai/").find_class("cds-notice")[0]
    assert "28 February 2025" in text_of(english)
    assert [a.get("href") for a in english.iter("a")] == ["/en/units/so-khcn-quang-ngai/"]


def test_abolished_district_says_it_ceased(example_site):
    """Districts were abolished on 30/06/2025; Bình Sơn's page says it ceased."""
    doc = page(example_site, "/don-vi/ubnd-huyen-binh-son/")
    assert text_of(doc.find_class("cds-notice")[0]) == VI["units.ended"].format(date="30/06/2025")


def test_every_district_unit_ceased_with_the_district_level():
    """The registry models the 2025 reorganisation: no district-level unit is
    left running after 30/06/2025."""
    districts = [u for u in example_units().values() if u.level == "huyen"]
    assert districts
    assert {u.id: str(u.valid_to) for u in districts} == {u.id: "2025-06-30" for u in districts}


def test_unit_pages_show_a_level_name_not_an_id(example_site):
    """PRODUCT BUG (reported): units of level bao-chi or trung-uong show the raw
    id ("Cấp: bao-chi") because only tinh/huyen/xa have a label."""
    raw = [u.id for u in example_units().values()
           if facts(page(example_site, f"/don-vi/{u.id}/"))[VI["units.level"]] == u.level]
    assert raw == []


# --------------------------------------------------------------------------
# 5. Directive documents
# --------------------------------------------------------------------------

def registry_documents() -> list[dict]:
    return [d for path in sorted((ROOT / "content/documents").glob("*.yml"))
            for d in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["documents"]]


def test_documents_page_lists_every_document_with_its_number(example_site):
    """/van-ban/ is the list plans cite: every document of content/documents
    appears once, anchored by its id, with its number as printed."""
    for url in ("/van-ban/", "/en/documents/"):
        items = {li.get("id"): text_of(li.find("strong"))
                 for li in page(example_site, url).find_class("cds-documents")[0].findall("li")}
        documents = registry_documents()
        assert sorted(items) == sorted(d["id"] for d in documents), url
        for d in documents:
            if d.get("number") not in (None, "", "null"):
                assert items[d["id"]].endswith(" " + d["number"]), (url, d["id"])


def test_legal_basis_links_reach_existing_anchors(example_site):
    """A plan's 'Căn cứ' links must land on the cited document on /van-ban/,
    not on the top of an unrelated list."""
    anchors = {lang: {li.get("id") for li in page(example_site, url).find_class("cds-documents")[0]}
               for lang, url in (("vi", "/van-ban/"), ("en", "/en/documents/"))}
    for folder in plan_folders(ROOT / "plans"):
        cited = seed_yaml(folder.name).get("legal_basis") or []
        for lang, url, base in (("vi", f"/ke-hoach/{folder.name}/", "/van-ban/"),
                                ("en", f"/en/plans/{folder.name}/", "/en/documents/")):
            doc = page(example_site, url)
            links = [h for h in doc.xpath("//article//a/@href") if h.startswith(base + "#")]
            assert links == [f"{base}#{d}" for d in cited], url
            assert {h.split("#", 1)[1] for h in links} <= anchors[lang], url
