"""Site search (Material's search in Swedish) in Chromium, typed into the search box as a reader
would: a criterion is found by its id, by words of its title and clause, and by inflected forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


SHOWN_FIRST = 10  # Material shows the first results at once and more on scrolling


def search(page, query: str) -> list[str]:
    """Type `query` into the search box and return the criteria ids of the top results, in order."""
    page.goto("")
    box = page.get_by_role("textbox", name="Sök")
    box.click()
    # A query typed while the index is still being built may never run: wait until it is ready.
    expect(page.locator(".md-search-result__meta")).to_have_text("Skriv sökord", timeout=20000)
    box.press_sequentially(query, delay=20)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    # Results show while typing; wait for those of the whole query (Material marks its terms in h=).
    terms = "\\+".join(re.split(r"[\s-]+", query.lower()))
    expect(links.first).to_have_attribute("href", re.compile(rf"\?h={terms}(#|$)"), timeout=20000)
    ids = []
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        found = re.search(r"kriterier/([A-Z]{3}-\d{3})/", href)
        if found and found.group(1) not in ids:
            ids.append(found.group(1))
    return ids[:SHOWN_FIRST]


def glove_criteria(lib) -> set[str]:
    return {i for i, r in lib.criteria.items() if "handskar" in r.get("tags", [])}


@pytest.mark.parametrize("query", ["handskar", "handske"])
def test_inflected_forms_of_glove_find_the_glove_criteria_first(page, lib, query):
    wanted = glove_criteria(lib)
    assert wanted
    assert set(search(page, query)[:len(wanted)]) == wanted


@pytest.mark.parametrize("criterion_id", ["HSK-001", "SOC-007"])
def test_an_id_finds_its_criterion_first(page, lib, criterion_id):
    assert search(page, criterion_id)[0] == criterion_id


def test_words_of_a_title_and_of_a_clause_find_the_criterion(page, lib):
    record = lib.criteria["HSK-001"]
    assert "Ansvarsfull rekrytering" in record["title"]["sv"]
    assert "HSK-001" in search(page, "ansvarsfull rekrytering")[:3]
    assert "rekryteringsavgifter" in record["clause"]["sv"] and "rekryteringsavgifter" not in record["title"]["sv"]
    assert "HSK-001" in search(page, "rekryteringsavgifter")[:3]
