"""A news post's front matter is data and shows as plain text (CONTRIBUTING.md): a title or
description with markup shows the markup as written in the page head, the header, the
neighbouring post's footer link and the RSS feed, and no script from it ever runs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from helpers import read_page

POST = "docs/nyheter/posts/2026-11-24-rattade-krav.md"
PAGE = "nyheter/2026/11/24/rattade-krav/"
NEIGHBOUR = "nyheter/2026/11/10/uppdaterade-krav/"  # the post before it, whose footer links to it
TITLE = "</title><script>alert(1)</script> <b>fet</b> & {{ 7*7 }}"
DESCRIPTION = '"><script>alert(2)</script> <i>kursiv</i> & en mening.'


@pytest.fixture(scope="module")
def site(tmp_path_factory, build):
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("news") / "project")
    text = (project / POST).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[3].startswith("title: ") and lines[6].startswith("description: ")
    lines[3] = f"title: '{TITLE}'"
    lines[6] = "description: '" + DESCRIPTION.replace("'", "''") + "'"
    (project / POST).write_text("\n".join(lines), encoding="utf-8")
    site_dir = project / "site"
    result = build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def raw(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_no_script_from_the_front_matter_reaches_a_page(site):
    for path in (PAGE, NEIGHBOUR, "nyheter/"):
        page = raw(site, path)
        assert [s for s in page.find_all("script") if "alert(" in s.get_text()] == [], path
        assert page.find("b", string="fet") is None and page.find("i", string="kursiv") is None


def test_the_title_and_description_show_as_written(site):
    page = raw(site, PAGE)
    assert page.title.get_text() == f"{TITLE} - Kravbanken"
    assert page.find("meta", attrs={"name": "description"})["content"] == DESCRIPTION
    header = read_page(site, PAGE).select_one(".md-header__topic:last-child .md-ellipsis")
    assert header.get_text(strip=True) == TITLE
    footer = raw(site, NEIGHBOUR).select_one("a.md-footer__link--next .md-ellipsis")
    assert footer.get_text(strip=True) == TITLE


def test_a_feed_reader_that_reads_the_description_as_html_shows_the_text(site):
    channel = ET.parse(site / "nyheter" / "rss.xml").getroot().find("channel")
    [item] = [i for i in channel.findall("item") if i.findtext("link").endswith(PAGE)]
    assert item.findtext("title") == TITLE  # RSS titles are plain text
    description = BeautifulSoup(item.findtext("description"), "html.parser")  # as a reader renders it
    assert description.find_all(True) == []
    assert description.get_text() == DESCRIPTION
