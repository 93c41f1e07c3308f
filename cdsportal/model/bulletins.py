"""The numbered e-bulletin ("Bản tin điện tử Chuyển đổi số").

``bulletins/<year>/<NN>/issue.yml`` describes one issue; its own articles are
Markdown files in the same folder, and its table of contents may also point
at existing news items by key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import PortalConfig
from ..diagnostics import Problems
from ..readers.frontmatter import SourceDocument, parse_document
from ..readers.yamlfile import read_yaml
from ..text import slugify
from . import fields
from .entry import Entry, Identity

ISSUE_KEYS = {"number", "date", "title", "title_en", "summary", "summary_en", "publisher",
              "editorial_board", "cover", "cover_alt", "editorial", "contents", "draft"}
ARTICLE_KEYS = {"title", "summary", "author", "image", "image_alt"}


@dataclass(frozen=True)
class BulletinArticle(Entry):
    """An article written for one issue (a Markdown file in the issue's folder)."""

    id: Identity               # key "<year>-<NN>-<slug>", Vietnamese
    title: str
    summary: str
    author: str | None
    image: Path | None
    image_alt: str | None
    body: str
    body_line: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Editorial:
    """The editorial ("Lời tòa soạn") of an issue: Markdown inside issue.yml."""

    id: Identity
    body: str
    body_line: int


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the table of contents: an own article or a news item's key."""

    article: BulletinArticle | None
    news_key: str | None
    line: int | None


@dataclass(frozen=True)
class BulletinIssue:
    """One numbered issue."""

    folder: Path
    year: int
    number: int
    date: datetime
    title: str
    title_en: str | None
    summary: str
    summary_en: str | None
    publisher: str | None
    editorial_board: str | None
    cover: Path
    cover_alt: str
    editorial: Editorial
    contents: tuple[ContentsEntry, ...]
    draft: bool

    @property
    def articles(self) -> list[BulletinArticle]:
        return [entry.article for entry in self.contents if entry.article]

    @property
    def label(self) -> str:
        """``01/2024``: how an issue is cited."""
        return f"{self.number:02d}/{self.year}"


def issue_folders(root: Path) -> list[Path]:
    """Every ``<year>/<NN>/`` folder that has an ``issue.yml``, in order."""
    return sorted(p.parent for p in root.glob("*/*/issue.yml"))


def read_issue(folder: Path, config: PortalConfig, problems: Problems) -> BulletinIssue | None:
    """Validate one issue folder; every problem names the folder's file, line and field."""
    before = problems.error_count()
    yml = read_yaml(folder / "issue.yml", problems)
    if yml is None:
        return None
    if not isinstance(yml.data, dict):
        problems.add(yml.path, 1, "issue.yml", "các cặp 'khóa: giá trị' / 'key: value' pairs")
        return None
    doc = SourceDocument(yml.path, yml.data, {k: yml.line_of(k) for k in yml.data}, "", 0)
    fields.unknown_keys(doc, ISSUE_KEYS, problems)
    year = _folder_number(folder.parent.name, yml.path, "year", problems, 4)
    folder_number = _folder_number(folder.name, yml.path, "number", problems, 2)
    number = fields.integer(doc, "number", problems, default=0)
    if "number" not in yml.data:
        problems.add(yml.path, 1, "number", "bắt buộc: số của bản tin trong năm / required: the "
                                           "issue's number within the year")
    elif folder_number is not None and number != folder_number:
        problems.add(yml.path, doc.line_of("number"), "number",
                     f"bằng tên thư mục {folder.name} / equal to the folder name {folder.name}, "
                     f"not {number}")
    date = fields.timestamp(doc, "date", problems, required=True)
    if date and year and date.year != year:
        problems.add(yml.path, doc.line_of("date"), "date",
                     f"một ngày trong năm {year} (thư mục) / a date in {year} (the folder)")
    title = fields.text(doc, "title", problems, required=True)
    summary = fields.text(doc, "summary", problems, required=True)
    publisher = fields.unit(doc, "publisher", problems, config)
    cover = fields.local_file(doc, "cover", problems, config, fields.IMAGE_SUFFIXES,
                              "ảnh bìa/cover image", required="bắt buộc: ảnh bìa, ví dụ cover.jpg "
                              "/ required: a cover image such as cover.jpg")
    cover_alt = fields.text(doc, "cover_alt", problems, required=True)
    editorial = fields.text(doc, "editorial", problems, required=True)
    contents = _contents(yml, folder, year or 0, number, config, problems)
    draft = fields.flag(doc, "draft", problems)
    title_en = fields.text(doc, "title_en", problems, required=False)
    summary_en = fields.text(doc, "summary_en", problems, required=False)
    board = fields.text(doc, "editorial_board", problems, required=False)
    if problems.error_count() > before:
        return None
    return BulletinIssue(folder, year, number, date, title, title_en, summary, summary_en,
                         publisher, board,
                         cover, cover_alt,
                         Editorial(Identity(str(yml.path), f"{year}-{number:02d}-loi-toa-soan", "vi",
                                            "loi-toa-soan"), editorial, doc.line_of("editorial") + 1),
                         tuple(contents), draft)


def _folder_number(name: str, path: Path, field_name: str, problems: Problems, width: int):
    if not (name.isdigit() and len(name) == width):
        problems.add(path, None, f"folder {field_name}",
                     f"thư mục bulletins/<năm>/<số hai chữ số>/, ví dụ bulletins/2024/01/ / a "
                     f"folder bulletins/<year>/<NN>/, not '{name}'")
        return None
    return int(name)


def _contents(yml, folder: Path, year: int, number: int, config: PortalConfig,
              problems: Problems) -> list[ContentsEntry]:
    """The table of contents, reading each own article; every entry is checked."""
    raw = yml.data.get("contents")
    if not isinstance(raw, list) or not raw:
        problems.add(yml.path, yml.line_of("contents"), "contents",
                     "mục lục: danh sách '- article: tep.md' hoặc '- news: khoa-tin' / the table "
                     "of contents: a list of '- article: file.md' or '- news: news-key'")
        return []
    entries = []
    for index, entry in enumerate(raw):
        line = yml.line_of("contents", index)
        if not (isinstance(entry, dict) and len(entry) == 1 and
                next(iter(entry)) in ("article", "news")):
            problems.add(yml.path, line, "contents",
                         "'article: tep.md' hoặc 'news: khoa-tin' / 'article: file.md' or "
                         "'news: news-key'")
            continue
        kind, value = next(iter(entry.items()))
        if kind == "news":
            entries.append(ContentsEntry(None, str(value), line))
            continue
        article = _article(folder / str(value), year, number, config, problems, yml.path, line)
        if article is not None:
            entries.append(ContentsEntry(article, None, line))
    return entries


def _article(path: Path, year: int, number: int, config: PortalConfig, problems: Problems,
             listed_in: Path, line: int) -> BulletinArticle | None:
    if path.suffix != ".md" or not path.is_file():
        problems.add(listed_in, line, "contents.article",
                     f"một tệp .md có thật trong thư mục bản tin / an existing .md file in the "
                     f"issue's folder, not '{path.name}'")
        return None
    before = problems.error_count()
    doc = parse_document(path, problems)
    if doc is None:
        return None
    fields.unknown_keys(doc, ARTICLE_KEYS, problems)
    title = fields.text(doc, "title", problems, required=True)
    summary = fields.text(doc, "summary", problems, required=True)
    author = fields.text(doc, "author", problems, required=False)
    image, image_alt = fields.image_pair(doc, problems, config)
    if problems.error_count() > before:
        return None
    slug = slugify(path.stem)
    return BulletinArticle(Identity(str(path), f"{year}-{number:02d}-{slug}", "vi", slug), title,
                           summary, author, image, image_alt, doc.body, doc.body_line)


def check_series(issues: list[BulletinIssue], problems: Problems) -> None:
    """Within a year, numbers run 1, 2, 3… without gaps and dates rise with them."""
    by_year: dict[int, list[BulletinIssue]] = {}
    for issue in issues:
        by_year.setdefault(issue.year, []).append(issue)
    for year, group in by_year.items():
        group.sort(key=lambda i: i.number)
        for expected, issue in enumerate(group, start=1):
            if issue.number != expected:
                problems.add(issue.folder / "issue.yml", None, "number",
                             f"số {expected} (các số trong năm {year} liên tiếp từ 1) / number "
                             f"{expected}: numbers in {year} run from 1 without gaps")
                break
        for earlier, later in zip(group, group[1:]):
            if later.date <= earlier.date:
                problems.add(later.folder / "issue.yml", None, "date",
                             f"sau ngày của số {earlier.number} ({earlier.date:%d/%m/%Y}) / a date "
                             f"after issue {earlier.number}'s")
