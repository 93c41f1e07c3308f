"""The search index: a static inverted index of folded words, per language,
in shards of whole years, read by ``theme/assets/javascripts/cds-search.js``.

Words are *folded* before they are indexed and before they are searched:
lower case, tone marks and other diacritics removed, "đ" read as "d". So
"chuyen doi so" finds "chuyển đổi số" and "duong" finds "đường", while the
titles and summaries shown keep their real spelling.

Each searchable page leaves a *record* (its folded word counts, title, date,
summary) beside its HTML in the page cache, and its text in a folder of texts
named by their content, made by the worker that rendered it. A shard's files depend only on its records (by their digests), so an
edit re-indexes the one shard that holds the edited page, even when pages of
other years that show its title change; the others come from the cache.

Layout, below ``/search-index/<lang>/``: ``index.json`` lists the shards (number of
documents, the first word of each word file, the document files); every other
file is named by a hash of its content and never changes, so browsers and
nginx may keep it for a year. Word files map a word to a list of numbers,
one per document that has it: ``gap × 256 + weight``, the gap from the
previous document's number and BM25's term-frequency part ×100 (under 256).
Document files hold ``[url, title, date, summary, text file]`` for 50
documents, newest first; a text
file holds one page's body as plain text, from which a result's excerpt is
cut around the words found.

Pagefind was used until it became the slowest stage (≈ 24 s of a 38 s build of
10,000 items, 10 s of it compressing its own files); at that size this index
takes about 1.1 processor-seconds, 0.8 s on two processors (plus ≈ 0.2 ms per
page for the records, in the page workers) and needs no WebAssembly.
"""

from __future__ import annotations

import hashlib
import html
import json
import marshal
import operator
import os
import re
import shutil
import unicodedata
from collections import Counter, defaultdict, deque
from itertools import chain, repeat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..cachefile import cached_file, prune, write_atomic
from ..parallel import map_ranges
from ..site.urls import SEARCH_INDEX_DIR

if TYPE_CHECKING:
    from ..site.views import PageView
    from .html import WrittenPage
    from .tree import OutputTree

TITLE_WEIGHT = 3       # a word of the title counts as three of the body
SUMMARY_WEIGHT = 2
K1, B = 1.2, 0.75      # BM25
WORDS_PER_FILE = 1500  # postings per word file (≈ 2–3 KB gzipped: a query fetches little more
                       # than its own words; 6,000 made "chuyen doi so" 2.5× heavier)
DOCS_PER_FILE = 50
_SALT = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()  # the format is this file
# A page's record is cached under its page's key, which says nothing of this file:
# the suffix does, so records of another format are never read.
RECORD_SUFFIX = f".{_SALT[:10]}.search"
_TAG = re.compile(r"<[^>]*>")
# folded bytes → the same bytes with every character but a-z and 0-9 made a space
_SEPARATORS = bytes(c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))


# –, “, NBSP…: non-ASCII characters that are neither letters, digits nor the
# combining marks of decomposed Vietnamese part words
_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w\u0300-\u036f]")


def _folded_bytes(text: str) -> bytes:
    text = _NON_ASCII_SEPARATOR.sub(" ", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").lower()


def fold(text: str) -> str:
    """``text`` in lower case ASCII: tone marks and diacritics dropped, đ → d.

    The search page folds queries the same way (``fold`` in cds-search.js).
    Non-ASCII punctuation and spaces (–, “, NBSP) become spaces, so
    "2021–2025" is two words; letters without an ASCII base are dropped.
    """
    return _folded_bytes(text).decode("ascii")


def words(text: str) -> list[str]:
    """The folded words of ``text`` (runs of a-z and 0-9), in order."""
    return _folded_bytes(text).translate(_SEPARATORS).decode("ascii").split()


# token → its folded words, joined by spaces: a page's text is a few hundred tokens
# from a vocabulary of a few thousand (Vietnamese writes a space between syllables)
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 200_000


def folded_tokens(tokens: list[str]) -> list[str]:
    """``words(" ".join(tokens))`` for whitespace-free ``tokens``, each distinct token
    folded once per process (whitespace always separates words, so folding is
    token by token): a record takes 124 µs instead of 139 at 10,000 items."""
    try:
        return " ".join(map(_FOLDED.__getitem__, tokens)).split()
    except KeyError:
        if len(_FOLDED) > _FOLDED_MAX:
            _FOLDED.clear()
        for token in tokens:
            if token not in _FOLDED:
                _FOLDED[token] = " ".join(words(token))
        return " ".join(map(_FOLDED.__getitem__, tokens)).split()


def record(view: "PageView") -> dict:
    """The search record of a searchable page: its folded words with their counts
    (title words count thrice, summary words twice) and what a result shows.

    The counts are stored as text and bytes (``terms``: the words joined by
    spaces, then each one's count, at most 255), which are read back many
    times faster than a dictionary when the page's shard is built.
    """
    context, search = view.context, view.search
    title, summary = context["title"], context.get("description") or ""
    pieces = [html.unescape(_TAG.sub(" ", piece)).split() for piece in search.text]
    body = folded_tokens(list(chain.from_iterable(pieces)))
    heading, summing_up = folded_tokens(title.split()), folded_tokens(summary.split())
    counts = Counter(body + heading * TITLE_WEIGHT + summing_up * SUMMARY_WEIGHT)
    try:
        tally = bytes(counts.values())
    except ValueError:  # a word said more than 255 times: BM25 has long stopped counting
        tally = bytes(min(count, 255) for count in counts.values())
    return {"url": view.url, "lang": context["lang"], "title": title, "date": search.date,
            "sort": search.sort, "summary": summary, "text": " ".join(pieces[0]) if pieces else "",
            "terms": (" ".join(counts), tally),
            "length": len(body) + len(heading) + len(summing_up)}


def write_records(pages: list[tuple["PageView", str]], texts_dir: str, texts: set[str],
                  place_text: Callable[[str, str, str], None]) -> list[str]:
    """Store each page's record at its path and its text in ``texts_dir`` unless
    there (``texts`` names the files there; all written atomically: workers may
    race); returns the records' digests. The records are all made before any is
    written (one step at a time is faster, see outputs/html.py). Each text is
    also put in the site (``place_text(file, language, name)``) at once, rather
    than by ``IndexWriter`` once the index is built, at the end of the build.

    The text goes to its own file, named by its content, as the index serves
    it: a shard re-indexed after an edit then writes its word and document
    files only, and reads small records.
    """
    records = [record(view) for view, _ in pages]
    digests = []
    for rec, (_, path) in zip(records, pages):
        payload = json.dumps(rec["text"], ensure_ascii=False).encode("utf-8")
        rec["text"] = f"t.{hashlib.sha1(payload).hexdigest()[:12]}.json"
        text_file = os.path.join(texts_dir, rec["text"])
        if rec["text"] not in texts:
            write_atomic(text_file, payload)
            texts.add(rec["text"])
        place_text(text_file, rec["lang"], rec["text"])
        # plain data: marshal is the fastest to write and read. Version 2, which marks no
        # shared objects: later versions do, by reference count, so equal records could
        # differ in bytes (and digest), and shards be indexed again for nothing.
        data = marshal.dumps(rec, 2)
        write_atomic(path, data)
        digests.append(hashlib.sha1(data).hexdigest())
    return digests


def record_digest(path: str) -> str:
    """The digest of a stored record (what the shard it is in depends on)."""
    with open(path, "rb") as handle:
        return hashlib.sha1(handle.read()).hexdigest()


# -- shards --------------------------------------------------------------------

@dataclass(frozen=True)
class Shard:
    """A group of whole years indexed together (year 0 holds the plain pages)."""

    name: str
    years: frozenset[int]


def plan_shards(pages_per_year: dict[int, int], max_pages: int) -> list[Shard]:
    """One shard for a small site; else the newest year (with the plain pages)
    alone, then older years grouped up to ``max_pages`` pages, newest first."""
    years = sorted((y for y in pages_per_year if y), reverse=True)
    if not years or sum(pages_per_year.values()) <= max_pages:
        return [Shard("all", frozenset(pages_per_year) | {0})]
    shards = [Shard(str(years[0]), frozenset({0, years[0]}))]
    group: list[int] = []
    count = 0
    for year in years[1:]:
        if group and count + pages_per_year[year] > max_pages:
            shards.append(_group(group))
            group, count = [], 0
        group.append(year)
        count += pages_per_year[year]
    if group:
        shards.append(_group(group))
    return shards


def _group(years: list[int]) -> Shard:
    name = str(years[0]) if len(years) == 1 else f"{years[-1]}-{years[0]}"
    return Shard(name, frozenset(years))


# -- writing -------------------------------------------------------------------

@dataclass
class IndexPlan:
    """The shards of each language, each in the cache folder named by what it
    holds, and the folders that must be built first (with their records)."""

    parts: dict[str, list[tuple[Shard, Path]]]
    jobs: list[tuple[Path, list[str]]]


def plan_index(pages: Iterable["WrittenPage"], shards: list[Shard], cache_dir: Path,
               page_cache: Path) -> IndexPlan:
    """Which shard folders make the index of ``pages``, and which are not built yet
    (their records are in the ``page_cache``)."""
    members: dict[tuple[str, int], list[WrittenPage]] = {}
    year_shard = {year: i for i, shard in enumerate(shards) for year in shard.years}
    for page in pages:
        if page.search_year is not None:
            members.setdefault((page.lang, year_shard[page.search_year]), []).append(page)
    plan = IndexPlan({}, [])
    for (lang, number), found in sorted(members.items()):
        found.sort(key=lambda p: p.url)
        digest = hashlib.sha1("\n".join([_SALT, lang, shards[number].name]
                                        + [f"{p.url} {p.search_digest}" for p in found])
                              .encode()).hexdigest()
        folder = cache_dir / digest
        if not (folder / "shard.json").is_file():
            plan.jobs.append((folder, [cached_file(page_cache, p.key, RECORD_SUFFIX) for p in found]))
        plan.parts.setdefault(lang, []).append((shards[number], folder))
    plan.jobs.sort(key=lambda job: -len(job[1]))  # largest first, one per task: workers even out
    return plan


def build_shards(plan: IndexPlan) -> int:
    """Build the shards the plan lacks (the slow part: run it in the background)."""
    jobs = plan.jobs

    def build(start: int, stop: int) -> None:
        for folder, records in jobs[start:stop]:
            _write_shard(folder, [_load(path) for path in records])
    if sum(len(records) for _, records in jobs) < 5000:  # an edit's shard or two: no workers
        build(0, len(jobs))
    else:
        map_ranges(build, len(jobs), min_parallel=2, chunks_per_worker=max(1, len(jobs)))
    return len(jobs)


class IndexWriter:
    """Puts built shards into ``/search-index/<lang>/``, then writes each
    language's ``index.json`` and prunes the cache of what no shard uses."""

    def __init__(self, tree: "OutputTree", plan: IndexPlan, cache_dir: Path, texts_dir: Path):
        self.tree, self.plan, self.cache_dir, self.texts_dir = tree, plan, cache_dir, texts_dir
        self.language = {folder: lang for lang, found in plan.parts.items() for _, folder in found}
        self.metas: dict[Path, dict] = {}
        self.used_texts: set[str] = set()

    def place(self, folders: Iterable[Path]) -> None:
        """Put the files of these (built) shard folders in place."""
        texts = f"{self.texts_dir}{os.sep}"
        for folder in folders:
            meta = json.loads((folder / "shard.json").read_text(encoding="utf-8"))
            target = f"{SEARCH_INDEX_DIR}/{self.language[folder]}/"
            page_texts = meta.pop("texts")
            # files named by their content: the name is the token
            self.tree.place_all([(source + name, target + name, name) for source, names in (
                (f"{folder}{os.sep}", [w[1] for w in meta["words"]] + meta["docs"]),
                (texts, page_texts)) for name in names], same_ok=True)
            self.used_texts.update(page_texts)
            self.metas[folder] = meta

    def finish(self, progress=None) -> None:
        """Write every language's ``index.json`` (all shards placed) and prune the caches."""
        for lang, found in self.plan.parts.items():
            listed = []
            for shard, folder in found:
                listed.append({"name": shard.name, **self.metas[folder]})
                if progress:
                    progress(f"tìm kiếm/search {lang} {shard.name}: {self.metas[folder]['count']}")
            self.tree.write(f"{SEARCH_INDEX_DIR}/{lang}/index.json",
                            json.dumps({"format": 2, "shards": listed}, ensure_ascii=False,
                                       separators=(",", ":")).encode("utf-8"))
        prune(self.cache_dir, {folder.name for found in self.plan.parts.values()
                               for _, folder in found})
        prune(self.texts_dir, self.used_texts)


def _load(path: str) -> dict:
    with open(path, "rb") as handle:
        return marshal.loads(handle.read())  # marshal.load(file) reads in small pieces


def _write_shard(folder: Path, records: list[dict]) -> None:
    """Write one shard's word and document files and its ``shard.json`` into ``folder``."""
    records.sort(key=lambda r: (r["sort"], r["url"]), reverse=True)
    postings = _postings(records)
    scratch = folder.with_name(folder.name + f".{os.getpid()}.tmp")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    word_files, chunk, size = [], {}, 0
    for word in sorted(postings):
        chunk[word] = _gaps(postings[word])
        size += len(postings[word])
        if size >= WORDS_PER_FILE:
            word_files.append([next(iter(chunk)), _write_json(scratch, "w", chunk)])
            chunk, size = {}, 0
    if chunk:
        word_files.append([next(iter(chunk)), _write_json(scratch, "w", chunk)])
    texts = [r["text"] for r in records]
    doc_files = [_write_json(scratch, "d", [[r["url"], r["title"], r["date"], r["summary"], text]
                                            for r, text in zip(records[start:start + DOCS_PER_FILE],
                                                               texts[start:start + DOCS_PER_FILE])])
                 for start in range(0, len(records), DOCS_PER_FILE)]
    meta = {"count": len(records), "words": word_files, "docs": doc_files, "texts": texts,
            "per_doc_file": DOCS_PER_FILE}
    (scratch / "shard.json").write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(scratch, folder)


def _postings(records: list[dict]) -> dict[str, list[int]]:
    """Word → ``document number × 256 + weight`` for each document that has it
    (in document order); the weight is BM25's term-frequency part ×100, under 256."""
    average = sum(r["length"] for r in records) / len(records) or 1.0
    postings: defaultdict[str, list[int]] = defaultdict(list)
    scale = 100 * (K1 + 1)
    for number, rec in enumerate(records):
        terms, counts = rec["terms"]
        if not counts:
            continue
        norm = K1 * (1 - B + B * rec["length"] / average)
        # the packed value of each count, for this document's length
        packed = [(number << 8) + round(scale * count / (count + norm))
                  for count in range(max(counts) + 1)]
        # postings[word].append(value) for each word, looped in C (3.5 million at 10,000 items)
        deque(map(list.append, map(postings.__getitem__, terms.split()),
                  map(packed.__getitem__, counts)), maxlen=0)
    return postings


def _gaps(packed: list[int]) -> list[int]:
    """Packed postings with each document number as a gap from the previous one."""
    previous = [0]
    previous += packed[:-1]
    return list(map(operator.sub, packed, map(operator.and_, previous, repeat(~255))))


def _write_json(folder: Path, prefix: str, data) -> str:
    """Write ``data`` as compact JSON named by its hash; returns the file name."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"{prefix}.{hashlib.sha1(payload).hexdigest()[:12]}.json"
    (folder / name).write_bytes(payload)
    return name
