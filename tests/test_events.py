"""Events and the iCalendar feed (events and plan deadlines)."""

from datetime import date, datetime, timezone

import icalendar


def calendar_of(site):
    return icalendar.Calendar.from_ical((site / "su-kien/lich.ics").read_bytes())


def test_example_calendar_has_national_digital_transformation_day(example_site):
    """Calendar apps subscribing to /su-kien/lich.ics get 10 October and the report deadlines."""
    cal = calendar_of(example_site)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    day = events["Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10/2024"]
    assert day.decoded("dtstart") == date(2024, 10, 10)
    assert day.decoded("dtend") == date(2024, 10, 11)
    report = events["Báo cáo kết quả: Kế hoạch truyền thông về Chuyển đổi số tỉnh Quảng Ngãi năm 2024"]
    assert report.decoded("dtstart") == date(2024, 11, 15)
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert all(str(e["url"]).startswith("https://cds.quangngai.example/") for e in cal.walk("VEVENT"))


def test_event_pages_and_listing(example_site):
    page = (example_site / "su-kien/2024-10-10-ngay-chuyen-doi-so-quoc-gia/index.html").read_text(encoding="utf-8")
    assert "10/10/2024" in page and 'href="/ke-hoach/quang-ngai-2024/#tien-do"' in page
    english = (example_site / "en/events/national-digital-transformation-day-2024/index.html").read_text(encoding="utf-8")
    assert "10 October 2024" in english and 'lang="en"' in english
    listing = (example_site / "su-kien/index.html").read_text(encoding="utf-8")
    assert 'type="text/calendar"' in listing


def test_timed_event_is_in_utc_and_counts_for_its_activity(fixture_site):
    fixture_site.write("plans/p/plan.yml", "id: p\nkind: communication-plan\nlevel: tinh\n"
                       "title: Kế hoạch thử\nyear: 2024\nactivities:\n"
                       "  - code: III.4.a\n    title: Hưởng ứng Ngày Chuyển đổi số\n"
                       "    channel: event\n    timeframe: {month: 2024-10}\n"
                       "    target: {count: 1, period: once, kind: event}\n")
    fixture_site.write("content/events/hoi-thi.vi.md",
                       "---\ntitle: Hội thi\nstart: 2024-10-10 08:00\nend: 2024-10-10 11:30\n"
                       "summary: Tóm tắt.\nactivity: p/III.4.a\n---\n\nNội dung.\n")
    site = fixture_site.build()
    event = next(e for e in calendar_of(site).walk("VEVENT") if str(e["summary"]) == "Hội thi")
    assert event.decoded("dtstart") == datetime(2024, 10, 10, 1, 0, tzinfo=timezone.utc)
    assert event.decoded("dtend") == datetime(2024, 10, 10, 4, 30, tzinfo=timezone.utc)
    month = next(e for e in calendar_of(site).walk("VEVENT") if str(e["summary"]).startswith("III.4.a"))
    assert month.decoded("dtstart") == date(2024, 10, 1) and month.decoded("dtend") == date(2024, 11, 1)
    plan = (site / "ke-hoach/p/index.html").read_text(encoding="utf-8")
    assert "Đã thực hiện: 1 / Chỉ tiêu đến nay: 1 (100%)" in plan


def test_event_naming_an_unknown_activity_is_an_error(fixture_site):
    from test_model import problems_of
    fixture_site.write("content/events/su-kien.vi.md",
                       "---\ntitle: Sự kiện\nstart: 2024-10-10\nsummary: S.\nactivity: khong-co/I.1\n---\n")
    problem = next(p for p in problems_of(fixture_site) if p.field == "activity")
    assert problem.file == "content/events/su-kien.vi.md" and "khong-co/I.1" in problem.expected
