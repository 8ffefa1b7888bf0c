"""The guide in the built site: the code of conduct, the risk areas, the follow-up methods, the
good-practice profiles and the news, linked both ways with the criteria.

Every expected set is computed from the records themselves (which criterion names which risk area,
clause or method), never from the pages the program wrote.
"""

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import feedparser
from bs4 import BeautifulSoup

from helpers import read_page, url
from kravbanken.site.risk_areas import risk_area_page

BASE = "http://kravbanken.test/"
CRITERION = re.compile(r"^kriterier/([A-Z]{3}-[0-9]{3})/$")


def content(soup: BeautifulSoup):
    """The page's own content, without the menus around it."""
    return soup.select_one(".md-content__inner")


def targets(element, path: str) -> set[str]:
    """Where the links inside `element` lead, as URL paths from the site root (with #anchor)."""
    out = set()
    for a in element.find_all("a", href=True):
        absolute = urlparse(urljoin(BASE + path, a["href"]))
        if absolute.netloc == urlparse(BASE).netloc:
            out.add(absolute.path.lstrip("/") + (f"#{absolute.fragment}" if absolute.fragment else ""))
    return out


def criteria_linked(element, path: str) -> set[str]:
    return {m.group(1) for t in targets(element, path) if (m := CRITERION.match(t))}


def section_after(soup: BeautifulSoup, heading_id: str):
    """The list of records under the heading with `heading_id` (or the note that it is empty)."""
    return soup.find(id=heading_id).find_next_sibling(class_=["kb-refs", "kb-none"])  # type: ignore[union-attr]  # None fails the test


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


def words(text: str) -> str:
    return " ".join(text.split())


def test_each_criterion_page_links_to_its_risk_areas_clauses_and_methods(site, lib):
    for record in lib.criteria.values():
        path = url("criterion", id=record["id"])
        found = targets(content(read_page(site, path)), path)
        expected = (
            {url("risk_area", id=i) for i in record["risk_areas"]}
            | {url("coc_clause", id=i) for i in record["code_of_conduct"]}
            | {url("follow_up", id=i) for i in record["follow_up"]}
        )
        assert expected <= found, f"{record['id']} saknar länkar till {expected - found}"


def test_every_risk_area_page_lists_exactly_the_criteria_that_name_it(site, lib):
    for area in lib.records["risk_area"]:
        path = url("risk_area", id=area)
        expected = {c["id"] for c in lib.criteria.values() if area in c["risk_areas"]}
        assert criteria_linked(section_after(read_page(site, path), "krav"), path) == expected, area


def test_every_clause_of_the_code_lists_the_criteria_that_implement_it(site, lib):
    path = "uppforandekod/"
    soup = read_page(site, path)
    for clause in lib.records["coc_clause"]:
        block = soup.find(id=clause).find_parent("div", class_="kb-coc-clause")
        expected = {c["id"] for c in lib.criteria.values() if clause in c["code_of_conduct"]}
        assert criteria_linked(block, path) == expected, clause


def test_every_clause_links_to_the_conventions_it_rests_on_and_they_link_back(site, lib):
    code, conventions = read_page(site, "uppforandekod/"), read_page(site, "uppforandekod/konventioner/")
    clauses = lib.records["coc_clause"]
    for clause_id, clause in clauses.items():
        block = code.find(id=clause_id).find_parent("div", class_="kb-coc-clause")
        assert {url("convention", id=c) for c in clause["basis"]} <= targets(block, "uppforandekod/")
    for convention in lib.records["convention"]:
        block = conventions.find(id=convention).find_parent("div", class_="kb-convention")
        expected = {url("coc_clause", id=i) for i, c in clauses.items() if convention in c["basis"]}
        assert {
            t for t in targets(block, "uppforandekod/konventioner/") if t.startswith("uppforandekod/#")
        } == expected, convention


def test_every_follow_up_method_lists_the_criteria_and_risk_areas_that_name_it(site, lib):
    for method in lib.records["follow_up"]:
        path = url("follow_up", id=method)
        soup = read_page(site, path)
        expected = {c["id"] for c in lib.criteria.values() if method in c["follow_up"]}
        assert criteria_linked(section_after(soup, "krav"), path) == expected, method
        areas = {url("risk_area", id=i) for i, a in lib.records["risk_area"].items() if method in a["follow_up"]}
        assert targets(section_after(soup, "riskomraden"), path) == areas, method


def test_risk_matrix_shows_every_rating_in_words_and_colour(site, lib):
    library = lib
    for area_id, area in library.records["risk_area"].items():
        table = read_page(site, url("risk_area", id=area_id)).find("table", class_="kb-risk-matrix")
        assert table.find("caption") is not None
        columns = [text_of(th) for th in table.select("thead th[scope=col]")][1:]
        assert columns == [library.label("risk_dimension", d) for d in library.schemas.codes("risk_dimension")]
        rows = table.select("tbody tr")
        assert [text_of(r.find("th", scope="row")) for r in rows] == [
            library.label("chain_stage", s) for s in library.schemas.codes("chain_stage")
        ]
        for row, stage in zip(rows, library.schemas.codes("chain_stage"), strict=True):
            for cell, dimension in zip(row.find_all("td"), library.schemas.codes("risk_dimension"), strict=True):
                rating = area["chain"][stage]["ratings"][dimension]
                assert text_of(cell) == library.label("rating", rating)  # the word, not only a colour
                assert f"kb-risk-{rating}" in cell["class"]


def test_risk_overview_shows_the_highest_rating_per_dimension_and_links_every_area(site, lib):
    library = lib
    order = ["low", "medium", "high"]
    table = read_page(site, "riskomraden/").find("table", class_="kb-risk-overview")
    rows = {next(iter(targets(r.find("th"), "riskomraden/"))): r for r in table.select("tbody tr")}
    assert set(rows) == {url("risk_area", id=i) for i in library.records["risk_area"]}
    for area_id, area in library.records["risk_area"].items():
        cells = rows[url("risk_area", id=area_id)].find_all("td")
        for cell, dimension in zip(cells, library.schemas.codes("risk_dimension"), strict=False):
            highest = max((link["ratings"][dimension] for link in area["chain"].values()), key=order.index)
            assert text_of(cell) == library.label("rating", highest)


def test_each_stage_page_shows_every_profiles_recommendation_for_that_stage(site, lib):
    library = lib
    stages = library.schemas.codes("process_stage")
    assert len(stages) == 6
    for stage in stages:
        path = url("stage", id=stage)
        soup = read_page(site, path)
        cards = soup.select("article .kb-card")
        shown = {next(iter(targets(card.find("h2"), path))): text_of(card.find("blockquote")) for card in cards}
        expected = {
            f"{url('profile', id=i)}#{stage}": words(p["stages"][stage]["recommendation"]["sv"])
            for i, p in library.records["profile"].items()
        }
        assert shown == expected, stage
        others = {url("stage", id=s) for s in stages if s != stage}
        assert others <= targets(content(soup), path), f"{stage} länkar inte till de andra stegen"


def test_each_profile_page_has_all_six_stages_in_order_with_practice_and_recommendation(site, lib):
    library = lib
    stages = library.schemas.codes("process_stage")
    for profile_id, profile in library.records["profile"].items():
        soup = read_page(site, url("profile", id=profile_id))
        article_text = text_of(content(soup))
        assert [h["id"] for h in soup.select("article h2[id]")] == stages
        for stage in stages:
            for part in ("practice", "recommendation"):
                assert words(profile["stages"][stage][part]["sv"]) in article_text, (profile_id, stage, part)


def language_of(element) -> str:
    return (element if element.has_attr("lang") else element.find_parent(lang=True))["lang"]


def test_english_code_of_conduct_is_one_page_marked_english(site, lib):
    soup = read_page(site, "en/code-of-conduct/")
    assert soup.html["lang"] == "en"
    page = content(soup)
    assert language_of(page.find("h1")) == "en"
    for clause_id, clause in lib.records["coc_clause"].items():
        heading = page.find(id=clause_id)
        assert language_of(heading) == "en", clause_id
        assert words(clause["title"]["en"]) in text_of(heading)
        block = heading.find_parent("div", class_="kb-coc-clause")
        assert words(clause["text"]["en"]) in text_of(block)
        assert language_of(block.find("p")) == "en"
    assert "en/code-of-conduct/" in targets(read_page(site, "uppforandekod/"), "uppforandekod/")


def test_news_feed_parses_and_every_item_leads_to_its_post(site, lib):
    library = lib
    feed = feedparser.parse((site / "nyheter" / "rss.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert len(feed.entries) == len(library.posts) >= 6
    assert {e.title for e in feed.entries} == {meta["title"] for _, meta in library.posts}
    for entry in feed.entries:
        assert entry.title and entry.link and entry.published_parsed
        path = urlparse(entry.link).path.lstrip("/")
        post = read_page(site, path)
        assert text_of(post.find("h1")) == entry.title
    created = {meta["title"]: meta["date"]["created"] for _, meta in library.posts}
    for entry in feed.entries:
        assert "{:04d}-{:02d}-{:02d}".format(*entry.published_parsed[:3]) == created[entry.title]


def test_news_page_and_page_heads_link_to_the_feed(site):
    news = read_page(site, "nyheter/")
    assert "nyheter/rss.xml" in targets(content(news), "nyheter/")
    for path in ("", "nyheter/", "uppforandekod/"):
        link = read_page(site, path).find("link", rel="alternate", type="application/rss+xml")
        assert link is not None and urljoin(BASE + path, link["href"]) == BASE + "nyheter/rss.xml"


def navigation(site: Path) -> tuple[set[str], set[str]]:
    """Every page reached by following the main navigation from the start page, and the names of
    the links on the way. The navigation is pruned (each page holds only its own branch), so a
    reader opens sections one after the other, as done here."""
    seen, titles, todo = set(), set(), [""]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        nav = read_page(site, path).find("nav", class_="md-nav--primary")
        titles |= {text_of(a) for a in nav.find_all("a")}  # type: ignore[union-attr]  # None fails the test
        for target in targets(nav, path):
            page = target.split("#")[0]
            assert (site / page / "index.html").is_file(), f"{path} -> {target}"
            todo.append(page)
    return seen, titles


def test_news_has_an_archive_and_category_pages(site, lib):
    library = lib
    categories = {c for _, meta in library.posts for c in meta["categories"]}
    years = {meta["date"]["created"][:4] for _, meta in library.posts}
    pages, _ = navigation(site)
    assert {f"nyheter/arkiv/{y}/" for y in years} <= pages
    assert len({t for t in pages if t.startswith("nyheter/kategori/")}) == len(categories)


def test_every_navigation_link_leads_to_a_built_page_and_the_guide_is_in_it(site):
    _, titles = navigation(site)
    assert {
        "Start",
        "Kriterier",
        "Uppförandekod",
        "Konventioner",
        "Riskområden",
        "Uppföljning",
        "Nationell modell",
        "Goda exempel",
        "Nyheter",
        "Om",
        "Tillgänglighetsredogörelse",
    } <= titles
    # The English part has a navigation of its own (the Swedish one leads there by the language switch).
    for path in ("en/", "en/criteria/", "en/follow-up/"):
        nav = read_page(site, path).find("nav", class_="md-nav--primary")
        english = {text_of(a) for a in nav.find_all("a")}
        assert {"English", "Code of conduct", "Criteria", "Risk areas", "Follow-up"} <= english, path
        assert not english & {"Kriterier", "Uppförandekod", "Riskområden"}, path


def test_every_guide_record_page_is_reached_from_its_index_page(site, lib):
    library = lib
    for index, kind in (("riskomraden/", "risk_area"), ("uppfoljning/", "follow_up"), ("goda-exempel/", "profile")):
        found = targets(content(read_page(site, index)), index)
        assert {url(kind, id=i) for i in library.records[kind]} <= found, index
    found = targets(content(read_page(site, "goda-exempel/")), "goda-exempel/")
    assert {url("stage", id=s) for s in library.schemas.codes("process_stage")} <= found
    assert "uppfoljning/nationell-modell/" in targets(content(read_page(site, "uppfoljning/")), "uppfoljning/")


def test_start_page_sends_each_audience_on_in_one_click(site):
    found = targets(content(read_page(site, "")), "")
    for page in ("kriterier/", "uppforandekod/", "en/code-of-conduct/", "nyheter/", "om/"):
        assert page in found, page
    assert any(t.startswith("om/#") for t in found)  # how to contribute


def test_contributor_text_on_guide_pages_stays_text(lib):
    library = lib
    area = dict(next(iter(library.records["risk_area"].values())))
    area["summary"] = {"sv": "<script>alert(1)</script> {{ config }} *fet* [länk](javascript:alert(1))"}
    area["countries"] = ["<img src=x onerror=alert(1)>"]
    page = risk_area_page(library, area)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ config }} *fet* [länk](javascript:alert(1))" in page
