"""The numbered e-bulletin: rules on issues, pages, the PDF and the feed."""

import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from test_model import problems_of

ROOT = Path(__file__).resolve().parents[1]
PICTURE = sorted((ROOT / "content/media/anh").glob("*.jpg"))[0]


def issue(site, year: int, number: int, date: str, *, contents=None, **extra) -> Path:
    """An issue folder with a cover, one article and the given table of contents."""
    folder = site.root / "bulletins" / str(year) / f"{number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PICTURE, folder / "cover.jpg")
    site.write(f"bulletins/{year}/{number:02d}/01-bai-viet.md",
               "---\ntitle: Bài viết về đường dây nóng\nsummary: Tóm tắt bài.\n---\n\n"
               "Nội dung bài viết có dấu: Chuyển đổi số, đường, Đồng Khởi.\n")
    lines = [f"number: {number}", f"date: {date}", f'title: "Chủ đề số {number}"',
             "summary: Tóm tắt số bản tin.", "publisher: so-tttt", "cover: cover.jpg",
             "cover_alt: Bìa bản tin", "editorial: |", "  Lời tòa soạn của số này.", "contents:"]
    for kind, value in (contents or [("article", "01-bai-viet.md")]):
        lines.append(f"  - {kind}: {value}")
    lines += [f"{k}: {v}" for k, v in extra.items()]
    site.write(f"bulletins/{year}/{number:02d}/issue.yml", "\n".join(lines) + "\n")
    return folder


def fields_of(problems):
    return {(p.file, p.field) for p in problems}


def test_numbers_run_from_one_without_gaps(fixture_site):
    issue(fixture_site, 2024, 1, "2024-01-15")
    issue(fixture_site, 2024, 3, "2024-03-15")
    assert ("bulletins/2024/03/issue.yml", "number") in fields_of(problems_of(fixture_site))


def test_dates_rise_with_the_number(fixture_site):
    issue(fixture_site, 2024, 1, "2024-02-15")
    issue(fixture_site, 2024, 2, "2024-01-15")
    assert ("bulletins/2024/02/issue.yml", "date") in fields_of(problems_of(fixture_site))


def test_referenced_news_and_images_must_exist(fixture_site):
    fixture_site.news("co-that")
    issue(fixture_site, 2024, 1, "2024-01-15",
          contents=[("article", "01-bai-viet.md"), ("news", "co-that"), ("news", "khong-co"),
                    ("article", "khong-co.md")])
    issue(fixture_site, 2024, 2, "2024-02-15")
    (fixture_site.root / "bulletins/2024/02/cover.jpg").unlink()
    problems = problems_of(fixture_site)
    found = {(p.file.split("/")[1] + "/" + p.file.split("/")[2], p.field, p.line) for p in problems}
    assert ("2024/01", "contents.article", 14) in found
    assert ("2024/02", "cover", 6) in found
    (fixture_site.root / "bulletins/2024/02").joinpath("cover.jpg").write_bytes(PICTURE.read_bytes())
    issue(fixture_site, 2024, 1, "2024-01-15",
          contents=[("article", "01-bai-viet.md"), ("news", "co-that"), ("news", "khong-co")])
    found = {(p.field, p.line) for p in problems_of(fixture_site)}
    assert found == {("contents.news", 13)}


def test_a_cover_line_without_a_file_is_an_error(fixture_site):
    """`cover:` left empty once passed the check and broke the build later
    (no cover to show, to print or to copy)."""
    folder = issue(fixture_site, 2024, 1, "2024-01-15")
    text = (folder / "issue.yml").read_text(encoding="utf-8").replace("cover: cover.jpg", "cover:")
    (folder / "issue.yml").write_text(text, encoding="utf-8")
    problem = next(p for p in problems_of(fixture_site) if p.field == "cover")
    assert problem.line == 6 and "cover.jpg" in problem.expected


def test_folder_and_number_must_agree(fixture_site):
    folder = issue(fixture_site, 2024, 1, "2024-01-15")
    text = (folder / "issue.yml").read_text(encoding="utf-8").replace("number: 1", "number: 2")
    (folder / "issue.yml").write_text(text, encoding="utf-8")
    problem = next(p for p in problems_of(fixture_site) if p.field == "number")
    assert problem.line == 1 and "01" in problem.expected


@pytest.fixture(scope="module")
def bulletin_site(tmp_path_factory):
    from conftest import FixtureSite
    site = FixtureSite(tmp_path_factory.mktemp("bulletin") / "portal")
    site.news("tin-lien-quan", title="Tin liên quan")
    issue(site, 2023, 1, "2023-02-20", contents=[("article", "01-bai-viet.md"),
                                                 ("news", "tin-lien-quan")])
    issue(site, 2024, 1, "2024-01-15")
    issue(site, 2024, 2, "2024-02-15", draft="true")
    return site, site.build()


def test_archive_issue_and_article_pages(bulletin_site):
    site, out = bulletin_site
    archive = (out / "ban-tin/index.html").read_text(encoding="utf-8")
    assert archive.index("Số 01/2024") < archive.index("Số 01/2023"), "newest first"
    assert "Số 02/2024" not in archive, "a draft issue is not published"
    page = (out / "ban-tin/2023/so-01/index.html").read_text(encoding="utf-8")
    assert 'href="/ban-tin/2023/so-01/01-bai-viet/"' in page
    assert 'href="/tin-tuc/tin-lien-quan/"' in page
    assert "Tải bản PDF (" in page and "ban-tin-chuyen-doi-so-so-01-2023.pdf" in page
    assert "facebook.com/sharer" in page and "button-share.zalo.me" in page
    article = (out / "ban-tin/2023/so-01/01-bai-viet/index.html").read_text(encoding="utf-8")
    assert 'href="/ban-tin/2023/so-01/"' in article
    assert (out / "en/bulletins/index.html").is_file()


def test_pdf_has_pages_fonts_and_vietnamese_text(bulletin_site):
    _, out = bulletin_site
    pdf = out / "ban-tin/2023/so-01/ban-tin-chuyen-doi-so-so-01-2023.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(l for l in info.splitlines() if l.startswith("Pages:")).split()[1])
    assert pages >= 4  # cover, contents, editorial, article, related news item
    assert "A4" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Bản tin Chuyển đổi số – Số 01/2023" in text       # running header
    assert "đường, Đồng Khởi" in text                          # diacritics survive extraction
    assert "Mục lục" in text and "Trang 2/" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    rows = [l for l in fonts.splitlines()[2:] if l.strip()]
    assert rows and all(" yes " in l for l in rows), fonts   # every font embedded
    assert any("Be-Vietnam-Pro" in l or "BeVietnamPro" in l or "Be Vietnam" in l for l in rows), fonts
    assert pdf.stat().st_size < 5_000_000


def test_bulletin_feed_has_the_pdf_as_enclosure(bulletin_site):
    _, out = bulletin_site
    feed = feedparser.parse((out / "ban-tin/rss.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["Số 01/2024: Chủ đề số 1", "Số 01/2023: Chủ đề số 1"]
    enclosure = feed.entries[1].enclosures[0]
    pdf = out / "ban-tin/2023/so-01/ban-tin-chuyen-doi-so-so-01-2023.pdf"
    assert enclosure.type == "application/pdf" and int(enclosure.length) == pdf.stat().st_size
    assert enclosure.href.startswith("https://cds.example.vn/ban-tin/2023/so-01/")


def test_every_example_pdf_is_small_embeds_its_fonts_and_keeps_diacritics(example_site):
    """The example issues: each PDF under 5 MB, fonts embedded, text extractable."""
    pdfs = sorted(example_site.glob("ban-tin/*/so-*/*.pdf"))
    assert len(pdfs) == len(list((ROOT / "bulletins").glob("*/*/issue.yml")))
    for pdf in pdfs:
        assert pdf.stat().st_size < 5_000_000, pdf
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(" yes " in row for row in fonts), (pdf, fonts)
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Chuyển đổi số" in text and "Lời tòa soạn" in text


def test_large_photos_are_downscaled_in_the_pdf(fixture_site):
    """An editor's 3600-pixel photo must not make the PDF heavy."""
    from PIL import Image
    folder = issue(fixture_site, 2024, 1, "2024-01-15")
    photo = Image.effect_noise((3600, 2400), 60).convert("RGB")
    photo.save(folder / "anh-lon.jpg", quality=88)  # a few MB, under the 10 MB file limit
    text = (folder / "01-bai-viet.md").read_text(encoding="utf-8")
    (folder / "01-bai-viet.md").write_text(
        text.replace("summary: Tóm tắt bài.", "summary: Tóm tắt bài.\nimage: anh-lon.jpg\n"
                     "image_alt: Ảnh chụp rất lớn"), encoding="utf-8")
    out = fixture_site.build()
    pdf = out / "ban-tin/2024/so-01/ban-tin-chuyen-doi-so-so-01-2024.pdf"
    assert (folder / "anh-lon.jpg").stat().st_size > 2_000_000
    assert pdf.stat().st_size < 1_500_000
    # The page itself links the original photo.
    assert (out / "ban-tin/2024/so-01/anh-lon.jpg").stat().st_size > 2_000_000
