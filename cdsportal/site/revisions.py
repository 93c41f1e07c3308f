"""What lets a build reuse pages of the previous one without making their views.

``structure_key`` sums up what decides which pages exist, in which order, and
which news items each one shows: every entry's address, date, category, tags
and publication, the plain pages' menu titles, the registries, the site's
address, the settings and templates (``salt``) and this package's code and
interface strings. When
it is unchanged, a page that lists the news items it shows (``PageView.deps``)
can only have changed if one of them did, which ``news_revisions`` tells.
"""

from __future__ import annotations

import hashlib
import marshal

from ..cachefile import code_digest, file_stamp
from .graph import SiteGraph


def structure_key(graph: SiteGraph, salt: str) -> str:
    """A hash of everything but the news items' own text and pictures."""
    config, url, stamp, is_out = graph.config, graph.url, graph.stamp, graph.is_out
    # site_url: `serve` sets its own (http://127.0.0.1:8000/) in memory, mkdocs.yml unchanged
    parts: list[object] = [salt, config.site_url, code_digest(),
                           repr(sorted(config.units.items())), repr(sorted(config.documents.items()))]
    for lang in config.languages:
        parts.append([(url[id(e)], e.key, stamp[id(e)], e.category, e.tags, e.featured,
                       e.draft, e.aliases, is_out(e)) for e in graph.news[lang]])
        parts.append([(graph.url_of(e), e.key, e.date.isoformat(), graph.is_out(e))
                      for e in graph.radio[lang]])
        parts.append([(graph.url_of(e), e.key, e.title, e.in_menu, e.aliases)
                      for e in graph.pages[lang]])
        parts.append([(graph.url_of(e), e.key, e.start.isoformat()) for e in graph.events[lang]])
    parts.append([(graph.url_of(issue), graph.is_out(issue)) for issue in graph.bulletins])
    parts.append([plan.id for plan in graph.plans])
    # plain values: marshal is fastest; version 2 marks no shared objects (later
    # versions do, by reference count: equal parts could hash differently)
    return hashlib.sha1(marshal.dumps(parts, 2)).hexdigest()


def news_revisions(graph: SiteGraph, revisions: dict[str, tuple], body_media) -> dict[str, tuple]:
    """URL → what changes when a news item's file, its pictures or its body's media change.

    ``revisions`` comes from the reader (source path → size, time, media);
    ``body_media(item)`` gives the files its body shows.
    """
    found = {}
    for lang in graph.config.languages:
        for item in graph.news[lang]:
            media = tuple((str(p), file_stamp(p)) for p in body_media(item))
            found[graph.url_of(item)] = (revisions.get(item.id.path), media)
    return found

