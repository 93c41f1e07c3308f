"""The search index files: folding, what they hold, and that an edit
re-indexes only the shard that holds the edited page.

How the search page uses them in a browser is in test_browser.py."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

from cdsportal.outputs.search import fold, folded_tokens, words
from test_example_site import items_containing, published_news


def test_fold_reads_vietnamese_without_marks_and_d_stroke():
    assert fold("Chuyển đổi số") == "chuyen doi so"
    assert fold("ĐƯỜNG") == "duong"
    assert fold(unicodedata.normalize("NFD", "Người dân được hỗ trợ")) == "nguoi dan duoc ho tro"
    assert words("Đề án 06: VNeID, dịch vụ công trực tuyến!") == [
        "de", "an", "06", "vneid", "dich", "vu", "cong", "truc", "tuyen"]
    assert words("giai đoạn 2021–2025, số\u00a0hóa “toàn diện”") == [
        "giai", "doan", "2021", "2025", "so", "hoa", "toan", "dien"]


def test_folding_token_by_token_gives_the_words_of_the_whole_text():
    """Records fold each distinct token once (``folded_tokens``): the words must be
    those of the whole text, whatever separates them (NBSP, dashes, quotes,
    punctuation stuck to a word, decomposed marks, "đ")."""
    text = ("Ngày\u00a0Chuyển đổi số (10/10): “toàn dân”—ĐƯỜNG truyền số, giai đoạn 2021–2025;"
            " dịch-vụ công\tVNeID… " + unicodedata.normalize("NFD", "Người dân được hỗ trợ")
            + " ß straße ½ x\u2003y")
    assert folded_tokens(text.split()) == words(text)
    assert folded_tokens(text.split()) == folded_tokens(text.split())  # served from memory
    assert folded_tokens(["—", "…"]) == []


def load_index(site: Path, lang: str) -> tuple[dict, Path]:
    folder = site / "search-index" / lang
    return json.loads((folder / "index.json").read_text(encoding="utf-8")), folder


def documents(site: Path, lang: str) -> list[list]:
    index, folder = load_index(site, lang)
    docs = []
    for shard in index["shards"]:
        shard_docs = [d for name in shard["docs"]
                      for d in json.loads((folder / name).read_text(encoding="utf-8"))]
        assert len(shard_docs) == shard["count"]
        docs += shard_docs
    return docs


def lookup(site: Path, lang: str, word: str) -> set[str]:
    """URLs whose postings hold ``word``, read as cds-search.js reads the files."""
    index, folder = load_index(site, lang)
    found = set()
    for shard in index["shards"]:
        files = [name for first, name in shard["words"] if first <= word]
        if not files:
            continue
        chunk = json.loads((folder / files[-1]).read_text(encoding="utf-8"))
        docs = [d for name in shard["docs"] for d in json.loads((folder / name).read_text(encoding="utf-8"))]
        doc = 0
        for value in chunk.get(word, []):  # gap × 256 + weight
            doc += value // 256
            assert value % 256 > 0
            found.add(docs[doc][0])
    return found


def test_every_published_item_is_in_its_language_index_once(example_site):
    for lang, items in published_news().items():
        urls = [doc[0] for doc in documents(example_site, lang)]
        assert len(urls) == len(set(urls)), f"{lang}: a page indexed twice"
        missing = {item.news_url for item in items} - set(urls)
        assert not missing, f"{lang}: not searchable: {sorted(missing)}"
        other = [u for u in urls if u.startswith("/en/") != (lang == "en")]
        assert not other, f"{lang} index holds pages of the other language: {other[:3]}"


def test_folded_words_point_at_the_pages_that_contain_them(example_site):
    """'duong' must lead to every item with 'đường', through the same files
    the browser reads; the text shown keeps the real spelling."""
    expected = items_containing("đường")
    assert expected
    assert expected <= lookup(example_site, "vi", "duong")
    docs = {doc[0]: doc for doc in documents(example_site, "vi")}
    _, folder = load_index(example_site, "vi")
    some = sorted(expected)[0]
    text = json.loads((folder / docs[some][4]).read_text(encoding="utf-8"))
    assert "đường" in text.lower() and "<" not in text


def test_index_files_are_named_by_their_content(example_site):
    for lang in ("vi", "en"):
        _, folder = load_index(example_site, lang)
        hashed = list(folder.glob("*.*.json"))
        assert hashed, f"no index file in {folder}"
        for path in hashed:
            assert path.name.split(".")[1] == hashlib.sha1(path.read_bytes()).hexdigest()[:12]


def test_an_edit_reindexes_only_its_shard(fixture_site):
    """With a shard per year, editing a 2022 item leaves the 2024 and 2023
    shards' files as they were (same files, hard-linked from the cache)."""
    config = fixture_site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      search_shard_pages: 2\n",
                      encoding="utf-8")
    for year in (2022, 2023, 2024):
        for n in (1, 2):
            fixture_site.news(f"tin-{year}-{n}", date=f"{year}-0{n}-10 08:00",
                              body=f"Tin năm {year} về đường truyền số {n}.")
    fixture_site.cdsportal("build", check=True)
    index, folder = load_index(fixture_site.root / "site", "vi")
    assert [s["name"] for s in index["shards"]] == ["2024", "2023", "2022"]

    def inodes() -> dict[str, dict[str, int]]:
        index, folder = load_index(fixture_site.root / "site", "vi")
        return {s["name"]: {name: (folder / name).stat().st_ino
                            for name in [f for _, f in s["words"]] + s["docs"]}
                for s in index["shards"]}
    before = inodes()
    fixture_site.news("tin-2022-1", date="2022-01-10 08:00", body="Tin năm 2022 đã sửa: cáp quang.")
    fixture_site.cdsportal("build", check=True)
    after = inodes()
    assert after["2024"] == before["2024"] and after["2023"] == before["2023"]
    assert after["2022"] != before["2022"]
    assert "/tin-tuc/tin-2022-1/" in lookup(fixture_site.root / "site", "vi", "cap")
    assert "/tin-tuc/tin-2022-1/" not in lookup(fixture_site.root / "site", "vi", "duong")


def test_an_event_in_a_year_without_news_is_searchable(fixture_site):
    """Shards are made of the years that have searchable pages: an event in a
    year with no news item must still find its shard (the build once crashed)."""
    fixture_site.news("tin-2024", date="2024-03-10 08:00")
    fixture_site.write("content/events/2026/ngay-cds.vi.md", """
        ---
        title: Ngày Chuyển đổi số quốc gia 2026
        start: 2026-10-10
        summary: Sự kiện hưởng ứng.
        organiser: so-tttt
        ---

        Hưởng ứng Ngày Chuyển đổi số quốc gia.
        """)
    fixture_site.cdsportal("build", check=True)
    assert any("ngay-cds" in url for url in lookup(fixture_site.root / "site", "vi", "huong"))


def test_a_record_digest_depends_on_its_content_only(tmp_path):
    """A page made again shows the same text; its record must keep its digest,
    else the shard holding it is indexed again for nothing. (Python's default
    marshal format marks objects by how many references they have.)"""
    from cdsportal.outputs.search import write_records
    from cdsportal.site.views.base import PageView, Searchable

    def view(title: str, summary: str) -> PageView:
        return PageView("/tin-tuc/a/", "cds/news_item.html",
                        {"title": title, "description": summary, "lang": "vi"},
                        Searchable(2024, "03/01/2024", "2024-01-03", ("<p>Chuyển đổi số</p>",)))
    shared = "".join(["Tin ", "chuyển đổi số"])
    texts = tmp_path / "texts"
    texts.mkdir()
    def unplaced(*_):
        pass
    [first] = write_records([(view(shared, shared), str(tmp_path / "a.search"))], str(texts), set(),
                            unplaced)
    [again] = write_records([(view("".join(["Tin ", "chuyển đổi số"]), "".join(["Tin ", "chuyển đổi số"])),
                              str(tmp_path / "b.search"))], str(texts), set(), unplaced)
    assert first == again
    assert (tmp_path / "a.search").read_bytes() == (tmp_path / "b.search").read_bytes()


def test_search_records_are_cached_under_their_format(fixture_site):
    """Records are cached under their page's key, which does not change with
    the record format (outputs/search.py): a cache from an older version once
    fed full texts where file names were expected and the build stopped. The
    file name carries the format, so such records are never read."""
    from cdsportal.outputs.search import RECORD_SUFFIX
    fixture_site.news("a")
    fixture_site.build()
    records = list((fixture_site.root / ".cache/cdsportal/html").rglob("*.search"))
    assert records and all(path.name.endswith(RECORD_SUFFIX) for path in records)


def test_postings_weigh_title_words_and_saturate_on_repeated_words(tmp_path):
    """A shard built from records (as a build makes them): a title word outweighs
    the same word once in a body, and a word said 300 times (more than a record
    counts) weighs the most, not an overflow."""
    from cdsportal.outputs.search import _postings, record
    from cdsportal.site.views.base import PageView, Searchable

    def view(url, title, body):
        return PageView(url, "cds/news_item.html", {"title": title, "lang": "vi"},
                        Searchable(2024, "01/01/2024", "2024-01-01", (f"<p>{body}</p>",)))
    records = [record(view("/a/", "Đường làng", "Một bài về nông thôn.")),
               record(view("/b/", "Tin khác", "Con đường mới.")),
               record(view("/c/", "Tin thứ ba", " ".join(["đường"] * 300)))]
    assert max(records[2]["terms"][1]) == 255
    postings = _postings(records)
    weights = {value >> 8: value & 255 for value in postings["duong"]}
    assert set(weights) == {0, 1, 2}
    assert weights[2] > weights[0] > weights[1] > 0
    assert all(0 < value & 255 < 256 for values in postings.values() for value in values)
