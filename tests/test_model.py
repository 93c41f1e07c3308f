"""Validation of news items: every error names file, line, field and what was
expected, and all of them are reported at once."""

import unicodedata


from cdsportal.build import prepare
from cdsportal.diagnostics import ContentError, Problems
from cdsportal.mkdocs_adapter import portal_config


def problems_of(site) -> list:
    """Run the whole validation of ``site``; return the problems found."""
    problems = Problems(site.root)
    config = portal_config(site.root / "mkdocs.yml", problems)
    try:
        prepare(config, problems)
    except ContentError:
        pass
    return problems.errors


def only(problems, field):
    found = [p for p in problems if p.field == field]
    assert found, f"no problem for field {field!r} in {[str(p) for p in problems]}"
    return found[0]


def test_valid_item_has_no_problem(fixture_site):
    fixture_site.news("a")
    assert problems_of(fixture_site) == []


def test_unknown_key_names_line_and_suggestion(fixture_site):
    fixture_site.news("a", catgory="kinh-te-so")
    problem = only(problems_of(fixture_site), "catgory")
    assert problem.file == "content/news/a.vi.md"
    assert problem.line == 6  # ---, title, date, summary, category, catgory
    assert "category" in problem.expected


def test_bad_date(fixture_site):
    fixture_site.news("a", date="31/02/2024")
    problem = only(problems_of(fixture_site), "date")
    assert problem.line == 3
    assert "YYYY-MM-DD" in problem.expected


def test_dates_with_and_without_time_are_in_vietnam_time(fixture_site):
    from cdsportal.readers.content import read_content
    fixture_site.news("a", date="2024-01-03")
    fixture_site.news("b", date="2024-01-03 08:30")
    problems = Problems(fixture_site.root)
    config = portal_config(fixture_site.root / "mkdocs.yml", problems)
    items = {n.key: n for n in read_content(config, problems).news}
    assert items["a"].date.isoformat() == "2024-01-03T00:00:00+07:00"
    assert items["b"].date.isoformat() == "2024-01-03T08:30:00+07:00"


def test_unknown_category_suggests_closest(fixture_site):
    fixture_site.news("a", category="chinh-quyen-s")
    problem = only(problems_of(fixture_site), "category")
    assert problem.line == 5
    assert "chinh-quyen-so" in problem.expected


def test_unknown_unit(fixture_site):
    fixture_site.news("a", source_unit="so-ttt")
    assert "so-tttt" in only(problems_of(fixture_site), "source_unit").expected


def test_duplicate_slug(fixture_site):
    fixture_site.news("a", slug="trung")
    fixture_site.news("b", slug="trung")
    problem = only(problems_of(fixture_site), "slug")
    assert "trung" in problem.expected and "content/news/a.vi.md" in problem.expected


def test_translation_pointing_at_nothing(fixture_site):
    fixture_site.news("a")
    fixture_site.news("b", lang="en", translation_key="khong-co")
    problem = only(problems_of(fixture_site), "translation_key")
    assert problem.file == "content/news/b.en.md"
    assert "khong-co" in problem.expected


def test_missing_image_and_missing_alt(fixture_site):
    fixture_site.news("a", image="/media/khong-co.jpg", image_alt="Ảnh")
    (fixture_site.root / "content/media").mkdir()
    (fixture_site.root / "content/media/co.jpg").write_bytes(b"\xff\xd8\xff")
    fixture_site.news("b", image="/media/co.jpg")
    problems = problems_of(fixture_site)
    missing = [p for p in problems if p.field == "image"]
    assert missing and missing[0].file == "content/news/a.vi.md" and "khong-co.jpg" in missing[0].expected
    alt = only(problems, "image_alt")
    assert alt.file == "content/news/b.vi.md" and alt.line == 6


def test_an_image_in_the_body_needs_a_description(fixture_site):
    """``![](x.jpg)`` shows nothing to a screen reader: the line is reported, with
    how to write the description; the same image described passes."""
    (fixture_site.root / "content/media").mkdir()
    (fixture_site.root / "content/media/co.jpg").write_bytes(b"\xff\xd8\xff")
    fixture_site.news("a", body="Mở đầu.\n\n![](/media/co.jpg)\n")
    lines = (fixture_site.root / "content/news/a.vi.md").read_text(encoding="utf-8").splitlines()
    problem = only(problems_of(fixture_site), "body")
    assert problem.file == "content/news/a.vi.md"
    assert problem.line == 1 + lines.index("![](/media/co.jpg)")
    assert "![mô tả ảnh](/media/co.jpg)" in problem.expected
    fixture_site.news("a", body="Mở đầu.\n\n![Hội trường UBND xã](/media/co.jpg)\n")
    assert not [p for p in problems_of(fixture_site) if p.severity == "error"]


def test_missing_required_fields_and_broken_body_link(fixture_site):
    fixture_site.write("content/news/a.vi.md", "---\ndate: 2024-01-03\n---\n\n[xem](khong-co.vi.md)\n")
    problems = problems_of(fixture_site)
    fields = {p.field for p in problems}
    assert {"title", "summary", "category"} <= fields
    fixture_site.write("content/news/a.vi.md",
                       "---\ntitle: T\ndate: 2024-01-03\nsummary: S\ncategory: kinh-te-so\n---\n\n"
                       "[xem](khong-co.vi.md)\n")
    body = only(problems_of(fixture_site), "body")
    assert body.line == 8 and "khong-co.vi.md" in body.expected


def test_every_problem_is_reported_at_once(fixture_site):
    fixture_site.news("a", date="hôm qua")
    fixture_site.news("b", category="khong-co")
    fixture_site.news("c", featured="co")
    fixture_site.write("content/news/d.vi.md", "---\ntitle: [không đóng\n---\n")
    files = {(p.file, p.field) for p in problems_of(fixture_site)}
    assert ("content/news/a.vi.md", "date") in files
    assert ("content/news/b.vi.md", "category") in files
    assert ("content/news/c.vi.md", "featured") in files
    assert ("content/news/d.vi.md", "front matter") in files


def test_file_without_language_and_invalid_utf8(fixture_site):
    fixture_site.write("content/news/khong-ngon-ngu.md", "---\ntitle: T\n---\n")
    path = fixture_site.root / "content/news/latin1.vi.md"
    path.write_bytes("---\ntitle: Chuyển\n---\n".encode("utf-8").replace("ể".encode(), b"\xe9"))
    problems = problems_of(fixture_site)
    assert only(problems, "file name").file == "content/news/khong-ngon-ngu.md"
    assert only(problems, "encoding").line == 2


def test_nfd_front_matter_is_read_as_nfc(fixture_site):
    from cdsportal.readers.content import read_content
    fixture_site.news("a", title=unicodedata.normalize("NFD", "Chuyển đổi số"))
    problems = Problems(fixture_site.root)
    config = portal_config(fixture_site.root / "mkdocs.yml", problems)
    item = read_content(config, problems).news[0]
    assert item.title == "Chuyển đổi số" and unicodedata.is_normalized("NFC", item.title)


def test_drafts_and_future_items_are_not_published(fixture_site):
    from datetime import datetime
    from cdsportal.text import TIMEZONE
    fixture_site.news("a")
    fixture_site.news("nhap", draft="true")
    fixture_site.news("sau", date="2030-01-01")
    problems = Problems(fixture_site.root)
    config = portal_config(fixture_site.root / "mkdocs.yml", problems)
    prepared = prepare(config, problems, now=datetime(2025, 1, 1, tzinfo=TIMEZONE))
    assert [n.key for n in prepared.graph.news["vi"]] == ["a"]


def test_a_broken_original_is_reported_once(fixture_site):
    fixture_site.write("content/news/a.vi.md", "---\ntitle: \"T\" sai\n---\n")
    fixture_site.news("a", lang="en")
    problems = problems_of(fixture_site)
    assert [(p.file, p.field) for p in problems] == [("content/news/a.vi.md", "front matter")]


def test_impossible_date_is_an_error_not_a_crash(fixture_site):
    fixture_site.news("a", date="2024-02-30")
    assert only(problems_of(fixture_site), "date").line == 3


def test_slug_taken_by_the_site(fixture_site):
    fixture_site.write("content/pages/tin-tuc.vi.md", "---\ntitle: Trang\n---\n")
    fixture_site.news("trang-2")
    problems = [p for p in problems_of(fixture_site) if p.field == "slug"]
    assert {p.file for p in problems} == {"content/pages/tin-tuc.vi.md", "content/news/trang-2.vi.md"}


def test_body_problems_point_at_their_line(fixture_site):
    fixture_site.news("a", body="Mở đầu.\n\n<iframe src=\"https://x\"></iframe>\n\n"
                                "[bấm](javascript:alert(1))\n\n![](/media/khong-co.jpg)")
    found = sorted((p.line, p.expected[:20]) for p in problems_of(fixture_site) if p.field == "body")
    lines = [line for line, _ in found]
    assert lines == [10, 12, 14, 14], found  # line 7 is blank, the text starts on line 8
