"""Page views, one module per concern, combined into one builder."""

from __future__ import annotations

from functools import partial
from typing import Callable

from .base import PageView, ready
from .bulletins import BulletinViews
from .embed import EmbedViews
from .events import EventViews
from .news import NewsViews
from .plans import PlanViews
from .radio import RadioViews

__all__ = ["PageView", "ViewBuilder"]


class ViewBuilder(NewsViews, RadioViews, EventViews, BulletinViews, PlanViews, EmbedViews):
    """Turns the site graph (and rendered bodies) into page views."""

    def recipes(self) -> list[Callable[[], PageView]]:
        """One function per page of the site, in a stable order; each makes its view.

        The bulk (news items and listing pages) is made lazily, so that worker
        processes build the views they render.
        """
        made: list[Callable[[], PageView]] = []
        for issue in self.graph.bulletins:
            made.append(partial(self.bulletin_issue, issue))
            made.extend(partial(self.bulletin_article, issue, a) for a in issue.articles)
        for lang in self.config.languages:
            sections = self.graph.sections(lang)
            made.append(partial(self.home, lang))
            made.extend(partial(self.news_item, item) for item in self.graph.news[lang])
            made.extend(self.listings(lang))
            made.extend(partial(self.radio_item, programme) for programme in self.graph.radio[lang])
            made.extend(self.radio_listing(lang))
            made.append(partial(self.subscribe_page, lang))
            if self.banners:
                made.append(partial(self.banner_page, lang))
            made.append(partial(self.widget_page, lang))
            made.extend(partial(self.event_page, event) for event in self.graph.events[lang])
            if "events" in sections:
                made.append(partial(self.events_index, lang))
            if "bulletins" in sections:
                made.append(partial(self.bulletin_archive, lang))
            if "plans" in sections:
                made.append(partial(self.plans_index, lang))
                made.extend(partial(self.plan_page, plan, lang) for plan in self.graph.plans)
                made.append(partial(self.documents_page, lang))
                made.extend(partial(self.unit_page, unit, lang)
                            for unit in self.config.units.values())
            made.extend(ready(v) for v in self.plain_pages(lang))
            made.append(partial(self.search_page, lang))
            made.append(partial(self.not_found, lang))
            made.extend(ready(v) for v in self.redirects(lang))
        return made


