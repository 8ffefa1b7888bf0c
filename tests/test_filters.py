"""The overview's filters in Chromium: they run over the search index, so the page does not carry a
row per criterion. They narrow the list as the YAML says they should, can be combined, find
inflected words, count what is shown, keep their state in the URL, and work over every criterion
of a library larger than one screenful of rows. Without JavaScript the risk areas lead to every
criterion."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from helpers import script
from kravbanken.model import load_library

TEXT = "Sök på id, ord i rubrik eller kravtext"


def shown_ids(page) -> list[str]:
    return page.locator("#kriterier-tabell tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")


def expect_count(page, shown, total):
    expect(page.locator("#kb-count")).to_have_text(
        f"{shown} av {total} kriterier" + ("" if shown else ". Inga krav passar filtren; välj Visa alla kriterier.")
    )


def expect_rows(page, ids, total):
    """The list shows `ids` (up to 50, one screenful) of `total`, once the filters have run."""
    expect(page.locator("#kriterier-tabell tbody tr")).to_have_count(min(len(ids), 50))
    expect_count(page, len(ids), total)
    assert shown_ids(page) == sorted(ids)[:50]


def test_every_criterion_is_listed_at_first(page, lib):
    page.goto("kriterier/")
    expect_rows(page, list(lib.criteria), len(lib.criteria))
    assert all_rows(page) == sorted(lib.criteria)
    row = page.locator("#kriterier-tabell tbody tr", has_text="IKT-003")
    record = lib.criteria["IKT-003"]
    areas = ", ".join(lib.records["risk_area"][a]["name"]["sv"] for a in record["risk_areas"])
    expect(row.locator("td")).to_have_text(
        [
            "",
            "IKT-003",
            record["title"]["sv"],
            lib.label("type", record["type"]),
            lib.label("level", record["level"]),
            areas,
            lib.label("status", record["status"]),
            record["version"],
        ]
    )
    expect(row.get_by_role("link", name="IKT-003")).to_have_attribute("href", "/kriterier/IKT-003/")


def test_risk_area_filter_narrows_the_table(page, lib):
    page.goto("kriterier/")
    total = len(lib.criteria)
    expect_count(page, total, total)
    page.get_by_label("Riskområde", exact=True).select_option(label=lib.records["risk_area"]["handskar"]["name"]["sv"])
    expect_rows(page, [i for i, r in lib.criteria.items() if "handskar" in r["risk_areas"]], total)
    assert parse_qs(urlsplit(page.url).query) == {"riskomrade": ["handskar"]}


def test_filters_combine(page, lib):
    page.goto("kriterier/")
    page.get_by_label("Kravtyp", exact=True).select_option(label=lib.label("type", "contract-condition"))
    page.get_by_label("Nivå", exact=True).select_option(label=lib.label("level", "base"))
    page.get_by_label("Status", exact=True).select_option(label=lib.label("status", "active"))
    wanted = [
        i
        for i, r in lib.criteria.items()
        if (r["type"], r["level"], r["status"]) == ("contract-condition", "base", "active")
    ]
    assert wanted  # the example data has such criteria, so the test checks a real narrowing
    expect_rows(page, wanted, len(lib.criteria))
    page.get_by_role("button", name="Visa alla kriterier").click()
    expect_rows(page, list(lib.criteria), len(lib.criteria))
    assert urlsplit(page.url).query == ""


def words_of(record: dict) -> list[str]:
    text = " ".join([record["id"], record["title"]["sv"], record["clause"]["sv"], *record.get("tags", [])]).lower()
    return re.findall(r"[\w-]+", text)


def all_rows(page) -> list[str]:
    """Every row of the filtered list, after "Visa fler" until none are left."""
    more = page.locator("#kb-more")
    while more.is_visible():
        n = len(shown_ids(page))
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#kriterier-tabell tbody tr').length > n", arg=n)
    return shown_ids(page)


@pytest.mark.parametrize(
    "query, word",
    [
        ("HSK-001", "hsk-001"),
        ("rekryteringsbyråer", "rekryteringsbyråer"),
        ("Barnarbete", "barnarbete"),
        ("nitril handskar", "nitril"),
        ("handskarna", "handsk"),
        ("kemikalierna", "kemikali"),
    ],
)
def test_free_text_finds_every_criterion_with_the_word_in_any_form(page, lib, query, word):
    """The free text is searched in the whole criterion (also guidance and verification), so the
    list holds at least every criterion with a word that starts with the stem in its id, title,
    clause or search words."""
    page.goto("kriterier/")
    page.get_by_label(TEXT).fill(query)
    expect(page.locator("#kb-filter")).to_have_attribute("data-kb-shown", urlencode({"text": query}))
    wanted = {i for i, r in lib.criteria.items() if any(w.startswith(word) for w in words_of(r))}
    assert wanted
    shown = all_rows(page)
    assert wanted <= set(shown), sorted(wanted - set(shown))
    assert shown == sorted(shown) and set(shown) <= set(lib.criteria)
    expect_count(page, len(shown), len(lib.criteria))


def test_filter_state_round_trips_through_the_url(page, lib):
    page.goto("kriterier/")
    page.get_by_label("Riskområde", exact=True).select_option("textil")
    page.get_by_label(TEXT).fill("lön")
    expect(page.locator("#kb-filter")).to_have_attribute("data-kb-shown", "riskomrade=textil&text=l%C3%B6n")
    shared, rows = page.url, shown_ids(page)
    assert rows and len(rows) < len(lib.criteria)
    assert set(rows) <= {i for i, r in lib.criteria.items() if "textil" in r["risk_areas"]}

    other = page.context.new_page()
    other.goto(shared)
    expect_count(other, len(rows), len(lib.criteria))
    assert shown_ids(other) == rows
    expect(other.get_by_label("Riskområde", exact=True)).to_have_value("textil")
    expect(other.get_by_label(TEXT)).to_have_value("lön")


def test_unknown_values_in_the_url_are_ignored(page, lib):
    page.goto("kriterier/?riskomrade=finns-inte&niva=base")
    expect_rows(page, [i for i, r in lib.criteria.items() if r["level"] == "base"], len(lib.criteria))


def test_the_page_does_not_carry_the_rows(site, lib):
    html = (site / "kriterier" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article").decode()
    assert "<tbody></tbody>" in article
    assert [i for i in lib.criteria if i in article] == []


def test_without_javascript_the_risk_areas_lead_to_every_criterion(browser, server, lib):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    page.goto("kriterier/")
    expect(page.locator("#kb-filter")).to_be_hidden()
    expect(page.locator("#kravpaket")).to_be_hidden()
    expect(page.locator("#kriterier-tabell")).to_be_hidden()
    reached = set()
    for area in lib.records["risk_area"].values():
        page.goto("kriterier/")
        page.locator(".kb-nojs").get_by_role("link", name=area["name"]["sv"], exact=True).click()
        hrefs = page.locator("a[href*='kriterier/']").evaluate_all("links => links.map(a => a.href)")
        reached |= {
            href.rstrip("/").rsplit("/", 1)[1] for href in hrefs if href.rstrip("/").rsplit("/", 2)[1] == "kriterier"
        }
    assert set(lib.criteria) <= reached
    context.close()


# ---- A library larger than one screenful of rows: the filters run over every criterion ----

LARGE = 130


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def large(tmp_path_factory, build):
    """A copy of the project with LARGE synthetic criteria (scripts/bench.py), built and served."""
    bench = script("bench")

    base = tmp_path_factory.mktemp("large")
    project, site = base / "project", base / "site"
    project.mkdir()
    bench.make_project(project, LARGE)
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield load_library(project), f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_a_large_library_shows_rows_in_pages_and_filters_all_of_them(browser, large):
    lib, base = large
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("kriterier/")
    ids = sorted(lib.criteria)
    expect_rows(page, ids, LARGE)
    more = page.get_by_role("button", name="Visa 50 kriterier till")
    more.click()
    expect(page.locator("#kriterier-tabell tbody tr")).to_have_count(100)
    page.get_by_role("button", name=f"Visa {LARGE - 100} kriterier till").click()
    expect(page.locator("#kriterier-tabell tbody tr")).to_have_count(LARGE)
    assert shown_ids(page) == ids
    expect(page.locator("#kb-more")).to_be_hidden()

    # A filter that matches criteria beyond the first 50 rows finds them all.
    page.get_by_label("Nivå", exact=True).select_option("base")
    wanted = sorted(i for i, r in lib.criteria.items() if r["level"] == "base")
    assert len(wanted) > 50 or wanted[-1] > ids[49]
    expect_count(page, len(wanted), LARGE)
    while page.locator("#kb-more").is_visible():
        page.locator("#kb-more").click()
        page.wait_for_function(
            "n => document.querySelectorAll('#kriterier-tabell tbody tr').length >= n",
            arg=min(len(wanted), len(shown_ids(page)) + 1),
        )
    expect(page.locator("#kriterier-tabell tbody tr")).to_have_count(len(wanted))
    assert shown_ids(page) == wanted

    # The package: every shown row chosen, kept when the filter changes.
    page.get_by_role("button", name="Välj alla som visas").click()
    expect(page.locator("#kb-selected")).to_have_text(f"{len(wanted)} krav är valda.")
    page.get_by_label("Nivå", exact=True).select_option("")
    expect_count(page, LARGE, LARGE)
    checked = page.locator("#kriterier-tabell tbody tr").evaluate_all(
        "rows => rows.filter(r => r.querySelector('.kb-pick').checked).map(r => r.dataset.id)"
    )
    assert checked == [i for i in ids[:50] if i in wanted]
    expect(page.locator("#kb-selected")).to_have_text(f"{len(wanted)} krav är valda.")
    context.close()
