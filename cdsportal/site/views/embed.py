"""Views for member websites: the banner kit page and the latest-news widget."""

from __future__ import annotations

import json

from ...i18n import strings
from ...text import format_date
from .. import urls
from .base import PageView, ViewBase

REF_PLACEHOLDER = "ma-don-vi"   # replaced by the chosen unit's id on the banner page
WIDGET_ITEMS = 20               # items the widget page carries for its options


class EmbedViews(ViewBase):
    """The banner kit page and the latest-news widget."""

    def member_units(self, lang: str) -> list[dict]:
        """Units that still exist, to pick from (old codes keep working anyway)."""
        units = [u for u in self.config.units.values() if u.valid_to is None]
        return sorted(({"id": u.id, "name": u.name(lang)} for u in units), key=lambda u: u["name"])

    def banner_page(self, lang: str):
        t = strings(lang)
        absolute = self.config.absolute
        home = absolute(urls.home(lang))
        banners = []
        for banner in self.banners:
            code = (f'<a href="{home}?ref={REF_PLACEHOLDER}" target="_blank" rel="noopener">'
                    f'<img src="{absolute(banner["png"])}" srcset="{absolute(banner["png2x"])} 2x" '
                    f'width="{banner["width"]}" height="{banner["height"]}" alt="{_attr(banner["alt"])}"></a>')
            banners.append({**banner, "code": code, "share": (banner["width"], banner["height"]) == (1200, 630)})
        widget = absolute(urls.widget(lang))
        iframe = (f'<iframe src="{widget}?count=5&amp;ref={REF_PLACEHOLDER}" title="{_attr(t["widget.heading"])}" '
                  f'width="300" height="380" loading="lazy" '
                  f'sandbox="allow-scripts allow-popups allow-top-navigation-by-user-activation"></iframe>')
        script = (f'<div data-cds-tin-moi data-count="5" data-lang="{lang}" data-ref="{REF_PLACEHOLDER}"></div>\n'
                  f'<script src="{absolute("/assets/javascripts/cds-tin-moi.js")}" async></script>')
        context = self.base(lang, urls.banners(lang), t["banner.title"], section="banners",
                            translations={l: urls.banners(l) for l in self.config.languages})
        context.update({"intro": t["banner.intro"], "units": self.member_units(lang),
                        "placeholder": REF_PLACEHOLDER, "banners": banners,
                        "how": [t[f"banner.how_{i}"] for i in range(1, 5)],
                        "iframe_code": iframe, "script_code": script, "widget_url": urls.widget(lang)})
        return PageView(urls.banners(lang), "cds/banners.html", context)

    def widget_page(self, lang: str):
        """A small page for <iframe>: the latest headlines, links opening the portal."""
        t = strings(lang)
        items = [i for i in self.graph.news[lang] if self.graph.is_out(i)][:WIDGET_ITEMS]
        data = [{"t": i.title, "u": self.config.absolute(self.graph.url_of(i)),
                 "d": format_date(i.date, lang), "c": i.category,
                 "i": self.media(i.image) if i.image else ""} for i in items]
        context = {"lang": lang, "t": t, "heading": t["widget.heading"],
                   "items": data[:5],
                   # inside <script>: no "<" at all, so no "</script>" nor "<!--" either
                   "data": json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"),
                   "more": self.config.absolute(urls.section(lang, "news")),
                   "canonical": self.config.absolute(urls.widget(lang)), "indexed": False,
                   "title": t["widget.heading"], "feeds": self._feeds[lang]}
        return PageView(urls.widget(lang), "cds/widget.html", context)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
