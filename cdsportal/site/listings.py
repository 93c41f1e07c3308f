"""Pagination of listings (news, categories, tags, archive months)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypeVar

from . import urls

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """One entry of a numbered pager: a page number, or a gap (number None)."""

    number: int | None
    url: str | None
    current: bool = False


@dataclass(frozen=True)
class ListingPage:
    """One page of a paginated listing."""

    number: int
    count: int          # number of pages
    url: str
    items: Sequence
    previous_url: str | None
    next_url: str | None
    pager: tuple[PageLink, ...]


def paginate(items: Sequence[T], base_url: str, lang: str, per_page: int) -> list[ListingPage]:
    """Split ``items`` into pages of ``per_page``; page 1 lives at ``base_url``."""
    count = max(1, -(-len(items) // per_page))
    page_urls = [urls.paginated(base_url, lang, n) for n in range(1, count + 1)]
    pages = []
    for number in range(1, count + 1):
        chunk = items[(number - 1) * per_page: number * per_page]
        pages.append(ListingPage(
            number=number, count=count, url=page_urls[number - 1], items=chunk,
            previous_url=page_urls[number - 2] if number > 1 else None,
            next_url=page_urls[number] if number < count else None,
            pager=pager(number, count, page_urls)))
    return pages


def pager(current: int, count: int, page_urls: Sequence[str], window: int = 2) -> tuple[PageLink, ...]:
    """Numbered links: first, last and ``window`` pages around ``current``, gaps as None."""
    shown = sorted({1, count, *range(max(1, current - window), min(count, current + window) + 1)})
    links: list[PageLink] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append(PageLink(None, None))
        links.append(PageLink(number, page_urls[number - 1], number == current))
        previous = number
    return tuple(links)
