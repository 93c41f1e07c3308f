"""The iCalendar feed ``/su-kien/lich.ics``: events, and the plans' deadlines
(activity timeframes and report deadlines) as all-day entries.

Every entry has a permanent UID from its key, and DTSTAMP comes from the
content (not the clock), so unchanged content gives an identical file.
"""

from __future__ import annotations

import calendar as months
import uuid
from datetime import date, datetime, timedelta, timezone

from ..i18n import strings
from ..site import urls
from ..site.graph import SiteGraph
from ..text import TIMEZONE
from .tree import OutputTree

_EPOCH = datetime(2000, 1, 1, tzinfo=TIMEZONE)


def _uid(site_url: str, *parts: str) -> str:
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, site_url + '#' + '/'.join(parts))}@cdsportal"


def _period(timeframe: dict) -> tuple[date, date] | None:
    """First day and the day after the last of an activity's timeframe."""
    if "month" in timeframe:
        year, month = map(int, str(timeframe["month"]).split("-"))
        return date(year, month, 1), date(year, month, months.monthrange(year, month)[1]) + timedelta(1)
    if "quarter" in timeframe:
        year, quarter = str(timeframe["quarter"]).split("-Q")
        first = date(int(year), 3 * int(quarter) - 2, 1)
        last_month = 3 * int(quarter)
        return first, date(int(year), last_month, months.monthrange(int(year), last_month)[1]) + timedelta(1)
    if "from" in timeframe and "to" in timeframe:
        return date.fromisoformat(str(timeframe["from"])), date.fromisoformat(str(timeframe["to"])) + timedelta(1)
    return None  # a whole year or "thường xuyên" is not a calendar entry


def write_calendar(graph: SiteGraph, tree: OutputTree) -> int:
    """Write the calendar; returns the number of entries."""
    from icalendar import Calendar, Event as IcsEvent  # 30 ms to load: only when there is a calendar
    config, t = graph.config, strings("vi")
    absolute = config.absolute
    cal = Calendar()
    cal.add("prodid", "-//cdsportal//Chuyen doi so//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t["events.calendar_title"])
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = max([e.start for e in graph.events["vi"]] +
                [datetime.combine(p.date, datetime.min.time(), TIMEZONE) for p in graph.plans if p.date]
                + [_EPOCH])
    entries = 0
    for event in graph.events["vi"]:
        if not graph.is_out(event):
            continue
        item = IcsEvent()
        item.add("uid", _uid(config.site_url, "event", event.key))
        item.add("dtstamp", stamp)
        if event.all_day:
            item.add("dtstart", event.start.date())
            item.add("dtend", event.end.date() + timedelta(1))
        else:  # in UTC, so no VTIMEZONE is needed
            item.add("dtstart", event.start.astimezone(timezone.utc))
            item.add("dtend", (event.end if event.end > event.start
                               else event.start + timedelta(hours=1)).astimezone(timezone.utc))
        item.add("summary", event.title)
        item.add("description", event.summary)
        if event.venue:
            item.add("location", event.venue)
        item.add("url", absolute(graph.url_of(event)))
        cal.add_component(item)
        entries += 1
    for plan in graph.plans:
        page = absolute(urls.plan("vi", plan.id))
        if plan.report_deadline:
            item = IcsEvent()
            item.add("uid", _uid(config.site_url, "plan", plan.id, "report"))
            item.add("dtstamp", stamp)
            item.add("dtstart", plan.report_deadline)
            item.add("dtend", plan.report_deadline + timedelta(1))
            item.add("summary", f"{t['plans.report']}: {plan.title}")
            item.add("url", page)
            cal.add_component(item)
            entries += 1
        for activity in plan.activities:
            period = _period(activity.timeframe)
            if period is None:
                continue
            item = IcsEvent()
            item.add("uid", _uid(config.site_url, "plan", plan.id, activity.code))
            item.add("dtstamp", stamp)
            item.add("dtstart", period[0])
            item.add("dtend", period[1])
            item.add("summary", f"{activity.code} {activity.title}")
            item.add("description", plan.title)
            item.add("url", page)
            cal.add_component(item)
            entries += 1
    tree.write(urls.calendar().lstrip("/"), cal.to_ical())
    return entries
