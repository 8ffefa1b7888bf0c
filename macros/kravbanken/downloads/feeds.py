"""The news feed: RSS 2.0 from the news posts' validated front matter (`Library.posts`).

Every date comes from the front matter, never from the clock or from git, so the same commit
always gives the same feed.
"""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape

from feedgen.feed import FeedGenerator

from .. import labels, urls


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def rss(posts: list[tuple[str, dict]], links: dict[str, str], site_url: str) -> bytes:
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
