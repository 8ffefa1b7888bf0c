"""The feeds: RSS 2.0 of the news posts (from their validated front matter, `Library.posts`), and
Atom feeds of new versions of the criteria, all and per risk area.

Every date comes from the data, never from the clock or from git, so the same commit always gives
the same feeds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from feedgen.feed import FeedGenerator

from .. import labels, urls
from ..model import Library, title_of
from ..model.rules import version_key
from ..urls import permalink


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def rss(posts: Sequence[tuple[str, dict]], links: dict[str, str], site_url: str) -> bytes:
    """The feed of `posts` ((path, front matter) pairs), newest first; `links` maps each post's
    path to the absolute URL of its page."""
    feed = FeedGenerator()
    feed.title(labels.words()["news_feed_title"])
    feed.link(href=site_url + urls.NEWS_FEED, rel="self")
    feed.link(href=site_url + urls.page("news"), rel="alternate")  # feedgen's RSS <link> is the last one set
    feed.description(labels.words()["news_feed_description"])
    feed.language("sv")
    newest = sorted(posts, key=lambda post: post[1]["date"]["created"], reverse=True)
    if newest:
        feed.lastBuildDate(max(_day(d) for _, meta in posts for d in meta["date"].values()))
    for path, meta in newest:
        entry = feed.add_entry(order="append")
        entry.title(meta["title"])
        entry.link(href=links[path])
        entry.guid(links[path], permalink=True)
        entry.pubDate(_day(meta["date"]["created"]))
        # RSS readers treat a description as HTML; it is plain text (CONTRIBUTING.md), so it is
        # escaped here and once more as XML by feedgen: a reader shows "<b>" instead of bold text.
        entry.description(escape(meta["description"], quote=False))
        entry.category([{"term": category} for category in meta["categories"]])
    return feed.rss_str(pretty=True)


FEED_SIZE = 100  # newest versions per changes feed; the Ändringslogg page lists them all


def changes_atom(lib: Library, site_url: str, area: dict | None = None) -> bytes:
    """Atom feed of new versions of the published criteria (those of one risk area when `area` is
    given), newest first."""
    w = labels.words()
    versions = [r for i in lib.criteria for r in lib.history(i) if area is None or area["id"] in r["risk_areas"]]
    if area:
        return _atom(
            lib,
            site_url,
            versions,
            urls.area_feed(area["id"]),
            urls.page("risk_area", id=area["id"]),
            w["area_feed_title"].format(name=title_of(area)),
        )
    return _atom(lib, site_url, versions, urls.CHANGES_FEED, urls.page("changes"), w["changes_feed_title"])


def criterion_atom(lib: Library, site_url: str, record_id: str) -> bytes:
    """Atom feed of the published versions of one criterion, newest first: to follow a criterion
    cited in a contract."""
    record = lib.criteria[record_id]
    title = labels.words()["criterion_feed_title"].format(id=record_id, title=title_of(record))
    return _atom(
        lib,
        site_url,
        list(lib.history(record_id)),
        urls.criterion_feed(record_id),
        urls.page("criterion", id=record_id),
        title,
    )


def _atom(lib: Library, site_url: str, versions: list[dict], path: str, page: str, title: str) -> bytes:
    """Atom feed at `path` of `versions`, newest first, for the page at `page`. Each entry's id is
    the version's permanent URL, which never changes."""
    w = labels.words()
    versions = sorted(versions, key=lambda r: (r["published"], r["id"], version_key(r["version"])), reverse=True)
    feed = FeedGenerator()
    feed.id(site_url + path)
    feed.title(title)
    feed.subtitle(w["feed_subtitle"])
    feed.author({"name": "Kravbanken"})
    feed.link(href=site_url + path, rel="self", type="application/atom+xml")
    feed.link(href=site_url + page, rel="alternate", type="text/html")
    feed.language("sv")
    # The newest version's date, so the same library always gives the same feed.
    feed.updated(_day(versions[0]["published"]) if versions else _day(lib.releases[-1][1]))
    for record in versions[:FEED_SIZE]:
        link = permalink(record, site_url)
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.title(w["feed_entry_title"].format(id=record["id"], version=record["version"], title=title_of(record)))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.updated(_day(record["published"]))
        entry.published(_day(record["published"]))
        entry.summary(record["changelog"][0]["summary"]["sv"])
    return feed.atom_str(pretty=True)


def results_atom(lib: Library, site_url: str) -> bytes:
    """Atom feed of the register of follow-ups: an entry when a follow-up is published (planned or
    started) and one when it is completed, each dated by the record's own date, newest first."""
    w = labels.words()
    events = [(r["published"], "new", r) for r in lib.records["follow_up_result"].values()]
    events += [(r["completed"], "completed", r) for r in lib.records["follow_up_result"].values() if "completed" in r]
    events.sort(key=lambda e: (e[0], e[1], e[2]["id"]), reverse=True)
    feed = FeedGenerator()
    feed.id(site_url + urls.RESULTS_FEED)
    feed.title(w["results_feed_title"])
    feed.subtitle(w["results_feed_subtitle"])
    feed.author({"name": "Kravbanken"})
    feed.link(href=site_url + urls.RESULTS_FEED, rel="self", type="application/atom+xml")
    feed.link(href=site_url + urls.page("results"), rel="alternate", type="text/html")
    feed.language("sv")
    feed.updated(_day(events[0][0]) if events else _day(lib.releases[-1][1]))
    for day, event, record in events[:FEED_SIZE]:
        link = site_url + urls.page("result", id=record["id"])
        entry = feed.add_entry(order="append")
        entry.id(f"{link}#{event}")
        entry.title(w[f"results_feed_{event}"].format(id=record["id"], title=title_of(record)))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.updated(_day(day))
        entry.published(_day(day))
        summary = record.get("summary", {}).get("sv") if event == "completed" else None
        entry.summary(summary or w["results_feed_planned"].format(year=record["year"], region=record["region"]))
    return feed.atom_str(pretty=True)
