"""A news post's front matter is data and shows as plain text (CONTRIBUTING.md): a title or
description with markup shows the markup as written in the page head, the header, the
neighbouring post's footer link and the RSS feed, and no script from it ever runs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from helpers import HOSTILE_DESCRIPTION, HOSTILE_TITLE, read_page

PAGE = "nyheter/2026/11/24/rattade-krav/"  # of HOSTILE_POST
NEIGHBOUR = "nyheter/2026/11/10/uppdaterade-krav/"  # the post before it, whose footer links to it


@pytest.fixture(scope="module")
def site(hostile_site):
    """The site with the news post's title and description full of markup (conftest.hostile_site)."""
    return hostile_site


def raw(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_no_script_from_the_front_matter_reaches_a_page(site):
    for path in (PAGE, NEIGHBOUR, "nyheter/"):
        page = raw(site, path)
        assert [s for s in page.find_all("script") if "alert(" in s.get_text()] == [], path
        assert page.find("b", string="fet") is None and page.find("i", string="kursiv") is None


def test_the_title_and_description_show_as_written(site):
    page = raw(site, PAGE)
    assert page.title.get_text() == f"{HOSTILE_TITLE} - Kravbanken"
    assert page.find("meta", attrs={"name": "description"})["content"] == HOSTILE_DESCRIPTION
    header = read_page(site, PAGE).select_one(".md-header__topic:last-child .md-ellipsis")
    assert header.get_text(strip=True) == HOSTILE_TITLE
    footer = raw(site, NEIGHBOUR).select_one("a.md-footer__link--next .md-ellipsis")
    assert footer.get_text(strip=True) == HOSTILE_TITLE


def test_a_feed_reader_that_reads_the_description_as_html_shows_the_text(site):
    channel = ET.parse(site / "nyheter" / "rss.xml").getroot().find("channel")
    [item] = [i for i in channel.findall("item") if i.findtext("link").endswith(PAGE)]
    assert item.findtext("title") == HOSTILE_TITLE  # RSS titles are plain text
    description = BeautifulSoup(item.findtext("description"), "html.parser")  # as a reader renders it
    assert description.find_all(True) == []
    assert description.get_text() == HOSTILE_DESCRIPTION
