"""Generate a synthetic bilingual news corpus for the build benchmarks.

Usage: python scripts/bench/make_corpus.py N OUTDIR [--seed 1]

Writes, under OUTDIR:

* ``mkdocs.yml`` -- the repository's mkdocs.yml, copied as text, with
  ``theme.custom_dir`` pointing at the repository's real theme (absolute
  path) and ``docs_dir: content``;
* ``content/news/<year>/<key>.vi.md`` for N items (every second one also
  gets ``<key>.en.md``), dated evenly over 2015-01-01 .. 2024-12-31, plus
  ``content/pages/gioi-thieu.{vi,en}.md``;
* ``hugo/`` -- the same corpus as a Hugo site (hugo.toml, content/vi,
  content/en, data, i18n and minimal layouts copied from ./hugo_site/).

Output depends only on N, the seed and the repository's mkdocs.yml, so the
same arguments give byte-identical files. Uses the standard library and
pyyaml only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_text import (  # noqa: E402  (sibling module, not a package)
    ABOUT_PAGE, BULLETS, HEADINGS, PLACES, SENTENCES, SUMMARIES, TAGS, TITLES,
)

REPO = Path(__file__).resolve().parents[2]
THEME_DIR = REPO / "theme"
SOURCE_CONFIG = REPO / "mkdocs.yml"
HUGO_TEMPLATE = Path(__file__).resolve().parent / "hugo_site"

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
BODY_WORDS = 400
LANGS = ("vi", "en")


@dataclass
class Item:
    """One news item in both languages (``en`` fields unused when absent)."""

    index: int
    key: str
    when: dt.datetime
    category: str
    unit: str
    tags: list[tuple[str, str]]
    title: tuple[str, str]
    summary: tuple[str, str]
    body: tuple[str, str]
    en_slug: str | None

    @property
    def has_en(self) -> bool:
        return self.en_slug is not None


# --------------------------------------------------------------------------
# Helpers


class Plain(str):
    """A front-matter scalar written without quotes (dates, numbers)."""


def slugify(text: str, max_words: int = 8) -> str:
    """ASCII slug: strip diacritics (đ -> d), lowercase, hyphenate."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words])


def quote(value: str) -> str:
    """A YAML/TOML double-quoted scalar (JSON string syntax is valid in both)."""
    return json.dumps(value, ensure_ascii=False)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8", newline="\n")


class LenientLoader(yaml.SafeLoader):
    """SafeLoader that tolerates mkdocs tags such as !ENV or !!python/name."""


LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def cdsportal_options(config: dict) -> dict:
    """The options of the ``cdsportal`` entry in ``plugins`` (list or mapping form)."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, list):
        plugins = dict(next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    if "cdsportal" not in plugins:
        raise SystemExit(f"{SOURCE_CONFIG}: no 'cdsportal' plugin configured")
    return plugins["cdsportal"] or {}


def registry_units() -> dict[str, dict[str, str]]:
    """Unit id → names, from the repository's unit registry (content/units/*.yml)."""
    units = {}
    for path in sorted((REPO / "content" / "units").glob("*.yml")):
        for unit in yaml.safe_load(path.read_text(encoding="utf-8"))["units"]:
            units[unit["id"]] = unit["name"]
    return units


def site_config_text(source: str) -> str:
    """The repository mkdocs.yml with an absolute theme dir and docs_dir: content."""
    text, found = re.subn(r"(?m)^(\s+custom_dir:).*$",
                          lambda m: f"{m.group(1)} {quote(str(THEME_DIR))}", source, count=1)
    if not found:
        raise SystemExit(f"{SOURCE_CONFIG}: theme.custom_dir not found")
    text, found = re.subn(r"(?m)^docs_dir:.*$", "docs_dir: content", text, count=1)
    return text if found else text.rstrip("\n") + "\ndocs_dir: content\n"


# --------------------------------------------------------------------------
# Corpus model


def item_datetime(index: int, count: int, rng: random.Random) -> dt.datetime:
    """Dates spread evenly over FIRST_DAY..LAST_DAY, office hours."""
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + dt.timedelta(days=round(span * index / max(count - 1, 1)))
    return dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), 5 * rng.randint(0, 11))


def fill(pair: tuple[str, str], place: tuple[str, str]) -> tuple[str, str]:
    return pair[0].format(place=place[0]), pair[1].format(place=place[1])


def make_body(rng: random.Random, place: tuple[str, str]) -> tuple[str, str]:
    """4-6 paragraphs, maybe a subheading and a bullet list.

    Sentences are drawn until the two languages average BODY_WORDS words
    (Vietnamese counts syllables, so it runs longer than the English).
    """
    order = rng.sample(range(len(SENTENCES)), len(SENTENCES))
    chosen, words = [], 0
    while words < BODY_WORDS:
        pair = fill(SENTENCES[order[len(chosen)]], place)
        chosen.append(pair)
        words += (len(pair[0].split()) + len(pair[1].split())) / 2
    n_paragraphs = rng.randint(4, 6)
    heading = HEADINGS[rng.randrange(len(HEADINGS))] if rng.random() < 0.5 else None
    bullets = [BULLETS[i] for i in rng.sample(range(len(BULLETS)), rng.randint(3, 5))] \
        if rng.random() < 0.4 else []
    bodies = []
    for lang in range(2):
        blocks = []
        for p in range(n_paragraphs):
            part = chosen[p * len(chosen) // n_paragraphs:(p + 1) * len(chosen) // n_paragraphs]
            if heading and p == n_paragraphs - 2:
                blocks.append(f"## {heading[lang]}")
            blocks.append(" ".join(s[lang] for s in part))
            if bullets and p == 1:
                blocks.append("\n".join(f"- {b[lang]}" for b in bullets))
        bodies.append("\n\n".join(blocks) + "\n")
    return bodies[0], bodies[1]


def make_items(count: int, seed: int, categories: list[str], units: list[str]) -> list[Item]:
    rng = random.Random(seed)
    items = []
    for i in range(count):
        when = item_datetime(i, count, rng)
        place = PLACES[rng.randrange(len(PLACES))]
        title = fill(TITLES[rng.randrange(len(TITLES))], place)
        summary = fill(SUMMARIES[rng.randrange(len(SUMMARIES))], place)
        tags = [TAGS[t] for t in rng.sample(range(len(TAGS)), rng.randint(1, 3))]
        unit = units[rng.randrange(len(units))]
        body = make_body(rng, place)
        items.append(Item(
            index=i,
            key=f"{when:%Y-%m-%d}-{slugify(title[0], 6)}-{i}",
            when=when,
            category=categories[i % len(categories)],
            unit=unit,
            tags=tags,
            title=title,
            summary=summary,
            body=body,
            en_slug=f"{slugify(title[1])}-{i}" if i % 2 == 0 else None,
        ))
    return items


# --------------------------------------------------------------------------
# Writers


def front_matter(fields: list[tuple[str, str | list[str]]]) -> str:
    lines = ["---"]
    for name, value in fields:
        if isinstance(value, list):
            lines.append(f"{name}:")
            lines.extend(f"  - {quote(v)}" for v in value)
        elif isinstance(value, Plain):
            lines.append(f"{name}: {value}")
        else:
            lines.append(f"{name}: {quote(value)}")
    return "\n".join(lines) + "\n---\n\n"


def langs_of(item: Item) -> tuple[str, ...]:
    return LANGS if item.has_en else LANGS[:1]


def write_mkdocs_item(root: Path, item: Item) -> None:
    for n, lang in enumerate(langs_of(item)):
        fields = [
            ("title", item.title[n]),
            ("date", Plain(f"{item.when:%Y-%m-%d %H:%M}")),
            ("summary", item.summary[n]),
            ("category", item.category),
            ("tags", [t[n] for t in item.tags]),
            ("source_unit", item.unit),
        ]
        if lang == "en":
            fields.append(("slug", item.en_slug))
        path = root / "content" / "news" / str(item.when.year) / f"{item.key}.{lang}.md"
        write_text(path, front_matter(fields) + item.body[n])


def write_hugo_item(root: Path, item: Item) -> None:
    for n, lang in enumerate(langs_of(item)):
        fields = [
            ("title", item.title[n]),
            ("date", Plain(f"{item.when:%Y-%m-%dT%H:%M:00+07:00}")),
            ("summary", item.summary[n]),
            ("categories", [item.category]),
            ("tags", [t[n] for t in item.tags]),
            ("source_unit", item.unit),
            ("translationKey", item.key),
        ]
        if lang == "en":
            fields.append(("slug", item.en_slug))
        path = root / "content" / lang / "news" / str(item.when.year) / f"{item.key}.md"
        write_text(path, front_matter(fields) + item.body[n])


def write_pages(out: Path) -> None:
    for lang in LANGS:
        page = ABOUT_PAGE[lang]
        fields = [("title", page["title"]), ("summary", page["summary"]), ("nav_order", Plain("1"))]
        slug = [("slug", "about")] if lang == "en" else []
        write_text(out / "content" / "pages" / f"gioi-thieu.{lang}.md",
                   front_matter(fields + slug) + page["body"] + "\n")
        write_text(out / "hugo" / "content" / lang / "pages" / "gioi-thieu.md",
                   front_matter(fields + [("translationKey", "gioi-thieu")] + slug)
                   + page["body"] + "\n")


def hugo_config(config: dict, options: dict) -> str:
    def localized(name: str, lang: str) -> str:
        value = options.get(name, config.get(name, ""))
        return value.get(lang, "") if isinstance(value, dict) else str(value)

    lines = [
        f"baseURL = {quote(config.get('site_url') or 'https://example.org/')}",
        'defaultContentLanguage = "vi"',
        "defaultContentLanguageInSubdir = false",
        'titleCaseStyle = "none"',
        "",
        "[pagination]",
        "pagerSize = 20",
        "",
        "[services.rss]",
        "limit = 20",
        "",
        "[taxonomies]",
        'category = "categories"',
        'tag = "tags"',
    ]
    names = {"vi": "Tiếng Việt", "en": "English"}
    for weight, lang in enumerate(LANGS, start=1):
        lines += [
            "",
            f"[languages.{lang}]",
            f"weight = {weight}",
            f'contentDir = "content/{lang}"',
            f'locale = "{lang}"',
            f"label = {quote(names[lang])}",
            f"title = {quote(localized('site_name', lang))}",
            f"[languages.{lang}.params]",
            f"description = {quote(localized('site_description', lang))}",
            f"publisher = {quote(localized('publisher', lang))}",
        ]
    return "\n".join(lines) + "\n"


def write_hugo_site(out: Path, config: dict, options: dict) -> None:
    """hugo.toml, units data, category term titles, layouts and i18n."""
    hugo = out / "hugo"
    write_text(hugo / "hugo.toml", hugo_config(config, options))
    write_text(hugo / "data" / "units.yaml",
               yaml.safe_dump(registry_units(), allow_unicode=True, sort_keys=True))
    for key, names in options.get("categories", {}).items():
        for lang in LANGS:
            write_text(hugo / "content" / lang / "categories" / key / "_index.md",
                       front_matter([("title", names[lang])]))
    for sub in ("layouts", "i18n"):
        shutil.copytree(HUGO_TEMPLATE / sub, hugo / sub)


def make_corpus(count: int, out: Path, seed: int = 1) -> list[Item]:
    """Write the whole corpus into ``out`` (replacing earlier generated parts)."""
    source = SOURCE_CONFIG.read_text(encoding="utf-8")
    config = yaml.load(source, Loader=LenientLoader) or {}
    options = cdsportal_options(config)
    categories, units = list(options["categories"]), sorted(registry_units())

    for generated in (out / "content", out / "hugo"):
        shutil.rmtree(generated, ignore_errors=True)
    write_text(out / "mkdocs.yml", site_config_text(source))
    # The unit registry and the podcast cover the configuration refers to.
    shutil.copytree(REPO / "content" / "units", out / "content" / "units")
    cover = REPO / "content" / "media" / "radio" / "podcast-cover.jpg"
    (out / "content" / "media" / "radio").mkdir(parents=True)
    shutil.copyfile(cover, out / "content" / "media" / "radio" / cover.name)
    items = make_items(count, seed, categories, units)
    for item in items:
        write_mkdocs_item(out, item)
        write_hugo_item(out / "hugo", item)
    write_pages(out)
    write_hugo_site(out, config, options)
    return items


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="number of Vietnamese news items")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    items = make_corpus(args.count, args.outdir, args.seed)
    translated = sum(item.has_en for item in items)
    print(f"{args.outdir}: {len(items)} items, {translated} with English translation")


if __name__ == "__main__":
    main()
