"""The e-bulletin: archive, issue and article pages."""

from __future__ import annotations

from ...i18n import DEFAULT_LANGUAGE, strings
from ...text import format_date
from .. import urls
from .base import PageView, Searchable, ViewBase, format_size, localised, share_links


class BulletinViews(ViewBase):
    # -- the e-bulletin ----------------------------------------------------
    def bulletin_archive(self, lang: str) -> PageView:
        """All issues by year, newest first, with covers (English titles where given)."""
        t = strings(lang)
        years: dict[int, list[dict]] = {}
        for issue in self.graph.bulletins:
            english = lang != DEFAULT_LANGUAGE
            years.setdefault(issue.year, []).append({
                "url": self.graph.url_of(issue), "label": t["bulletin.issue"].format(label=issue.label),
                "title": localised(issue.title, issue.title_en, lang),
                "title_lang": "en" if english and issue.title_en else "vi",
                "summary": localised(issue.summary, issue.summary_en, lang),
                "summary_lang": "en" if english and issue.summary_en else "vi",
                "date": format_date(issue.date, lang), "date_iso": issue.date.isoformat(),
                "cover": self.picture(issue.cover), "cover_alt": issue.cover_alt,
                "pdf": urls.bulletin_pdf(issue.year, issue.number),
                "pdf_size": format_size(self.pdf_sizes.get(id(issue), 0), lang),
                "badge": self.preview_label(issue, lang),
            })
        feed = {"type": "application/rss+xml", "title": t["bulletin.feed"], "url": urls.bulletin_feed()}
        context = self.base(lang, urls.bulletins(lang), t["bulletin.title"], section="bulletins",
                            translations={l: urls.bulletins(l) for l in self.config.languages},
                            feeds=[feed])
        context.update({"intro": t["bulletin.intro"],
                        "note": t["bulletin.no_english"] if lang != DEFAULT_LANGUAGE else None,
                        "years": [{"year": y, "heading": t["bulletin.year"].format(year=y),
                                   "count": t["bulletin.count"].format(n=len(issues)),
                                   "issues": issues} for y, issues in years.items()]})
        return PageView(urls.bulletins(lang), "cds/bulletin_archive.html", context)

    def _issue_contents(self, issue) -> list[dict]:
        entries = []
        for entry in issue.contents:
            target = entry.article or self.graph.news_by_key(entry.news_key)
            entries.append({"title": target.title, "summary": target.summary,
                            "url": self.graph.url_of(target)})
        return entries

    def bulletin_issue(self, issue) -> PageView:
        lang = DEFAULT_LANGUAGE
        t = strings(lang)
        url = self.graph.url_of(issue)
        title = f"{t['bulletin.issue'].format(label=issue.label)}: {issue.title}"
        context = self.base(lang, url, title, description=issue.summary, kind="article",
                            section="bulletins", image=self.media(issue.cover),
                            translations={lang: url},
                            feeds=[{"type": "application/rss+xml", "title": t["bulletin.feed"],
                                    "url": urls.bulletin_feed()}])
        context.update({
            "issue": {"label": t["bulletin.issue"].format(label=issue.label), "title": issue.title,
                      "summary": issue.summary, "date": format_date(issue.date, lang),
                      "date_iso": issue.date.isoformat(), "board": issue.editorial_board,
                      "publisher": self.unit_name(issue.publisher, lang),
                      "cover": self.picture(issue.cover), "cover_alt": issue.cover_alt,
                      "editorial": self.body_html(issue.editorial),
                      "pdf": urls.bulletin_pdf(issue.year, issue.number),
                      "pdf_size": format_size(self.pdf_sizes.get(id(issue), 0), lang),
                      "badge": self.preview_label(issue, lang)},
            "contents": self._issue_contents(issue),
            "archive_url": urls.bulletins(lang),
            "share": share_links(self.config.absolute(url)),
        })
        shown = context["issue"]
        return PageView(url, "cds/bulletin_issue.html", context,
                        Searchable(issue.year, shown["date"], shown["date_iso"],
                                   (shown["label"], shown["editorial"])))

    def bulletin_article(self, issue, article) -> PageView:
        lang = DEFAULT_LANGUAGE
        t = strings(lang)
        url = self.graph.url_of(article)
        context = self.base(lang, url, article.title, description=article.summary, kind="article",
                            section="bulletins", translations={lang: url},
                            image=self.media(article.image) if article.image else None)
        context.update({
            "article": {"title": article.title, "summary": article.summary, "author": article.author,
                        "picture": self.picture(article.image),
                        "image_alt": article.image_alt, "body": self.body_html(article)},
            "issue": {"url": self.graph.url_of(issue), "title": issue.title,
                      "in_issue": t["bulletin.in_issue"].format(label=issue.label),
                      "date": format_date(issue.date, lang), "date_iso": issue.date.isoformat(),
                      "pdf": urls.bulletin_pdf(issue.year, issue.number),
                      "pdf_size": format_size(self.pdf_sizes.get(id(issue), 0), lang)},
            "share": share_links(self.config.absolute(url)),
        })
        shown = context["article"]
        return PageView(url, "cds/bulletin_article.html", context,
                        Searchable(issue.year, context["issue"]["date"], context["issue"]["date_iso"],
                                   (shown["body"], shown["author"] or "")))

