"""Event pages and the events listing."""

from __future__ import annotations

from ...i18n import strings
from ...text import format_date
from .. import urls
from .base import PageView, Searchable, ViewBase, share_links


class EventViews(ViewBase):
    # -- events ----------------------------------------------------------
    def _event_when(self, event, lang: str) -> str:
        start, end = event.start, event.end
        if event.all_day:
            return format_date(start, lang) if end.date() == start.date() else \
                f"{format_date(start, lang)} – {format_date(end, lang)}"
        if end.date() == start.date():
            return f"{format_date(start, lang)}, {start:%H:%M}–{end:%H:%M}" if end > start \
                else f"{format_date(start, lang)}, {start:%H:%M}"
        return f"{format_date(start, lang)} – {format_date(end, lang)}"

    def _event_card(self, event) -> dict:
        lang = event.lang
        return {"url": self.graph.url_of(event), "title": event.title, "summary": event.summary,
                "when": self._event_when(event, lang), "start_iso": event.start.isoformat(),
                "venue": event.venue}

    def events_index(self, lang: str) -> PageView:
        t = strings(lang)
        events = self.graph.events[lang]
        upcoming = sorted((e for e in events if e.end >= self.graph.now), key=lambda e: e.start)
        past = [e for e in events if e.end < self.graph.now]
        url = urls.section(lang, "events")
        context = self.base(lang, url, t["events.title"], section="events",
                            translations={l: urls.section(l, "events") for l in self.config.languages
                                          if self.graph.events[l]},
                            feeds=[{"type": "text/calendar", "title": t["events.calendar_title"],
                                    "url": urls.calendar()}])
        context.update({"intro": t["events.intro"], "calendar": urls.calendar(),
                        "upcoming": [self._event_card(e) for e in upcoming],
                        "past": [self._event_card(e) for e in past]})
        return PageView(url, "cds/events.html", context)

    def event_page(self, event) -> PageView:
        lang = event.lang
        url = self.graph.url_of(event)
        translations = self._translation_urls("event", event)
        plan_id, _, code = (event.activity or "").partition("/")
        context = self.base(lang, url, event.title, description=event.summary, kind="article",
                            section="events", translations=translations,
                            image=self.media(event.image) if event.image else None)
        context.update({"event": {
            **self._event_card(event), "online": event.online,
            "organiser": self.unit_link(event.organiser, lang),
            "activity": {"url": urls.plan(lang, plan_id) + "#tien-do", "code": code} if code else None,
            "image": self.media(event.image) if event.image else None,
            "image_alt": event.image_alt, "body": self.body_html(event)},
            "calendar": urls.calendar(), "share": share_links(self.config.absolute(url))})
        shown = context["event"]
        return PageView(url, "cds/event.html", context,
                        Searchable(event.start.year, shown["when"], shown["start_iso"],
                                   (shown["body"],)))

