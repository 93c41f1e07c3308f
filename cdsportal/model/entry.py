"""What every page-producing source file has: a key, a language, a slug, a body."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..diagnostics import Problems
from ..i18n import LANGUAGES, language_of_filename
from ..readers.frontmatter import SourceDocument
from ..text import slugify
from . import fields


@dataclass(frozen=True)
class Identity:
    """Where an entry comes from and how it is named."""

    path: str       # the source file. As text: a rebuild loads 10,000 identities from
                    # its cache, and making a Path of each cost more than the rest
    key: str        # translation key shared by the language versions
    lang: str
    slug: str

    @cached_property
    def source(self) -> Path:
        """The source file."""
        return Path(self.path)

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name != "source"}


def identity(doc: SourceDocument, problems: Problems) -> Identity | None:
    """Key, language and slug of ``doc``, from its file name and front matter.

    ``x.vi.md`` is Vietnamese, ``x.en.md`` English; the key is the stem (or the
    folder name for a bundle ``x/index.vi.md``) unless ``translation_key`` is set.
    """
    lang = language_of_filename(doc.path.name)
    if lang is None:
        problems.add(doc.path, None, "file name",
                     "tên tệp kết thúc bằng " + " hoặc ".join(f".{l}.md" for l in LANGUAGES)
                     + " / a name ending in " + " or ".join(f".{l}.md" for l in LANGUAGES))
        return None
    explicit = fields.text(doc, "translation_key", problems, required=False)
    key = explicit or key_of_filename(doc.path, lang)
    slug = fields.slug_value(doc, "slug", problems) or slugify(key)
    if not slug:
        problems.add(doc.path, None, "file name", "tên tệp có chữ hoặc số / a name with letters or digits")
        return None
    return Identity(str(doc.path), key, lang, slug)


def key_of_filename(path: Path, lang: str) -> str:
    """The key a file name gives: ``x.<lang>.md`` → x; a bundle ``x/index.<lang>.md`` → x."""
    stem = path.name[: -len(f".{lang}.md")]
    return path.parent.name if stem == "index" else stem


class Entry:
    """What page-producing records share: a key and a language, from their identity."""

    id: Identity

    @property
    def key(self) -> str:
        return self.id.key

    @property
    def lang(self) -> str:
        return self.id.lang
