"""Radio programme pages (the monthly "chuyên mục phát thanh")."""

from __future__ import annotations

from ...i18n import strings
from ...text import format_date
from .. import urls
from .base import PageView, Searchable, ViewBase, format_duration, format_size, share_links


class RadioViews(ViewBase):
    def radio_card(self, programme) -> dict:
        """What a listing shows of a radio programme."""
        return {
            "url": self.graph.url_of(programme), "title": programme.title,
            "summary": programme.summary, "date_iso": programme.date.isoformat(),
            "date": format_date(programme.date, programme.lang),
            "picture": self.picture(programme.image),
            "has_video": False, "category": None,
            "badge": format_duration(programme.duration),
        }

    def radio_item(self, programme) -> PageView:
        lang = programme.lang
        url = self.graph.url_of(programme)
        translations = self._translation_urls("radio", programme)
        context = self.base(lang, url, programme.title, description=programme.summary,
                            kind="article", section="radio", translations=translations,
                            image=self.media(programme.image) if programme.image else None)
        context.update({
            "item": {
                "title": programme.title, "summary": programme.summary,
                "body": self.body_html(programme),
                "date_iso": programme.date.isoformat(), "date": format_date(programme.date, lang),
                "audio": self.media(programme.audio),
                "audio_size": format_size(programme.audio_bytes, lang),
                "duration": format_duration(programme.duration),
                "duration_iso": f"PT{programme.duration}S",
                "source": self.unit_name(programme.source_unit, lang),
            },
            "translation": self.translation_link(translations, lang),
            "podcast": urls.podcast(lang), "radio_url": urls.section(lang, "radio"),
            "share": share_links(self.config.absolute(url)),
        })
        shown = context["item"]
        return PageView(url, "cds/radio_item.html", context,
                        Searchable(programme.date.year, shown["date"], shown["date_iso"],
                                   (shown["body"],)))

    def radio_listing(self, lang: str):
        programmes = self.graph.radio[lang]
        if not programmes:
            return []
        t = strings(lang)
        return self.listing(lang, urls.section(lang, "radio"), t["radio.title"], programmes,
                            section="radio", intro=t["radio.intro"], card=self.radio_card,
                            translations={l: urls.section(l, "radio")
                                          for l in self.config.languages if self.graph.radio[l]})

