"""The site search (Pagefind, opened from the header) in Chromium, used as a reader would: typed
into the search field, with the keyboard. Swedish words are found in any inflected form, an id
finds its criterion first, results show id, title, type and level, and nothing is fetched from
another host.

The expected criteria below come from reading the criteria (their titles, clauses and search
words), not from the search's own output."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

TOP = 5

# Inflected forms (definite, plural, plural definite) of words in the criteria, and the criteria
# each must find among the first five results. For most queries at least one of its criteria has
# another form of the word in its title, clause and search words, but not this one.
INFLECTED = {
    "handskarna": {"HSK-001", "HSK-002"},  # handskar (titles and search words)
    "handsken": {"HSK-001", "HSK-002"},  # handske (search word)
    "kemikalierna": {"TEX-002", "MIL-001", "MIL-002"},  # kemikalier, kemikaliehantering, Kemikalieförteckning
    "operationsrocken": {"OPA-001", "OPA-002"},  # operationsrock, operationsrockar
    "operationsdukarna": {"OPA-001", "OPA-002"},  # operationsdukar
    "sanktionerna": {"SOC-007"},  # Sanktioner och hävning ...
    "bananerna": {"LIV-001"},  # Kaffe, te, kakao och bananer ...
    "säsongsarbetarna": {"LIV-003"},  # Villkor för säsongsarbetare ...
    "klagomålsmekanismen": {"SOC-011"},  # Klagomålsmekanism för arbetstagare ...
    "instrumentet": {"INS-001", "INS-002"},  # kirurgiska instrument
    "möblerna": {"MOB-001", "MOB-002", "MOB-003"},  # möbler
    "smältverken": {"IKT-001", "IKT-003"},  # smältverk
    "raffinaderierna": {"IKT-001", "IKT-003"},  # raffinaderier
    "underleverantörerna": {"INS-002"},  # Granskade underleverantörer ...
    "migrantarbetarna": {"HSK-001"},  # rekrytering av migrantarbetare
    "avvikelserna": {"SOC-004"},  # Rapportering av allvarliga avvikelser
    "korruptionen": {"ETI-001", "ETI-002"},  # korruption
    "spinnerierna": {"TEX-001"},  # spinneri, spinnerier
    "kärnkonventionerna": {"SOC-002"},  # kärnkonventioner
    "förbanden": {"FRB-001", "FRB-003", "FRB-005"},  # förband in their titles
    "gruvorna": {"IKT-002"},  # gruvor
    "grönsakerna": {"LIV-003"},  # frukt och grönsaker
    "rekryteringsavgifterna": {"HSK-001", "HSK-002"},  # rekryteringsavgifter
    "åtgärdsplanen": {"SOC-006"},  # Medverkan i uppföljning och åtgärdsplan
}


def open_search(page, path: str = ""):
    page.goto(path)
    page.get_by_role("button", name="Sök").click()
    box = page.get_by_role("searchbox", name="Sök på ord eller id")
    expect(box).to_be_focused()
    return box


def results_for(page, query: str):
    """The result links once the results of the whole query show (the list carries its query)."""
    page.wait_for_selector(f"#kb-search-results[data-kb-query='{query}']", state="attached", timeout=20000)
    return page.locator("#kb-search-results > li")


def ids_of(items) -> list[str]:
    ids = []
    for href in items.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        found = re.search(r"kriterier/([A-Z]{3}-\d{3})/$", href)
        ids.append(found.group(1) if found else href)
    return ids


def search(page, query: str) -> list[str]:
    """Type `query` into the site search and return the top results: criteria ids, or page URLs."""
    box = open_search(page)
    box.press_sequentially(query, delay=20)
    return ids_of(results_for(page, query))[:TOP]


def test_the_test_set_is_large_enough_and_needs_stemming(lib):
    """At least 20 queries must find a criterion that has another form of the word, not this one."""

    def needs_stemming(query, wanted):
        texts = [
            " ".join(
                [lib.criteria[i]["title"]["sv"], lib.criteria[i]["clause"]["sv"], *lib.criteria[i].get("tags", [])]
            ).lower()
            for i in sorted(wanted)
        ]
        return any(query not in re.findall(r"\w+", text) for text in texts)

    assert sum(needs_stemming(query, wanted) for query, wanted in INFLECTED.items()) >= 20


@pytest.mark.parametrize("query", sorted(INFLECTED))
def test_an_inflected_form_finds_the_criteria_among_the_first_five(page, query):
    found = search(page, query)
    assert INFLECTED[query] <= set(found), f"{query}: {found}"


@pytest.mark.parametrize("criterion_id", ["IKT-003", "SOC-007", "HSK-001", "ikt-003"])
def test_an_id_finds_its_criterion_first(page, criterion_id):
    assert search(page, criterion_id)[0] == criterion_id.upper()


@pytest.mark.parametrize("criterion_id, word", [("OPA-002", "fluorkarboner"), ("SOC-008", "transparens")])
def test_a_synonym_in_the_search_words_finds_the_criterion(page, lib, criterion_id, word):
    record = lib.criteria[criterion_id]
    assert word in record["tags"]
    assert word not in " ".join(str(record[f]) for f in ("title", "clause", "guidance", "verification")).lower()
    assert criterion_id in search(page, word)


def test_results_show_while_typing_from_the_start_of_a_word(page):
    box = open_search(page)
    box.press_sequentially("handsk", delay=20)  # the first letters of handske, handskar, handskarna
    assert {"HSK-001", "HSK-002"} <= set(ids_of(results_for(page, "handsk"))[:TOP])
    box.press_sequentially("arna", delay=20)
    assert {"HSK-001", "HSK-002"} <= set(ids_of(results_for(page, "handskarna"))[:TOP])


def test_a_result_shows_id_title_type_and_level(page, lib):
    record = lib.criteria["IKT-003"]
    box = open_search(page)
    box.press_sequentially("IKT-003", delay=20)
    first = results_for(page, "IKT-003").first
    expect(first.locator("a")).to_have_text(f"{record['id']} {record['title']['sv']}")
    expect(first.locator(".kb-hit__facts")).to_have_text(
        f"{lib.label('type', record['type'])} · {lib.label('level', record['level'])}"
    )
    expect(page.locator("#kb-search-status")).to_have_text(re.compile(r"^\d+ träff(ar)? för ”IKT-003”\.$"))


def test_a_query_without_results_says_so(page):
    box = open_search(page)
    box.press_sequentially("qqqqqq", delay=20)
    expect(page.locator("#kb-search-status")).to_have_text("Inga träffar för ”qqqqqq”.")
    assert results_for(page, "qqqqqq").count() == 0


def test_every_criterion_is_indexed_once_at_its_current_address(page, lib):
    """Version pages (kriterier/<id>/<version>/) are left out, so a criterion is found once."""
    page.goto("")
    urls = page.evaluate("""async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      const search = await pagefind.search('kravtyp', {filters: {sidtyp: 'krav'}});
      return Promise.all(search.results.map(async (r) => (await r.data()).url));
    }""")
    assert sorted(urls) == sorted(f"/kriterier/{i}/" for i in lib.criteria)
    versions = page.evaluate(
        """async (q) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const search = await pagefind.search(q);
      return Promise.all(search.results.map(async (r) => (await r.data()).url));
    }""",
        "SOC-001",
    )
    assert versions and not [u for u in versions if re.search(r"/kriterier/[A-Z]{3}-\d{3}/[^/]+/", u)]


def test_every_result_leads_to_a_page_of_the_site(page, site):
    """Words that most pages have: every page they find in the index is a built page."""
    page.goto("")
    urls = page.evaluate(
        """async (words) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const found = new Set();
      for (const word of words) {
        const search = await pagefind.search(word);
        for (const result of search.results) found.add((await result.data()).url);
      }
      return [...found];
    }""",
        ["och", "krav", "leverantören", "the"],
    )
    assert len(urls) > 100
    missing = [u for u in urls if not (site / u.lstrip("/") / "index.html").is_file()]
    assert not missing, missing


def test_the_search_works_from_the_keyboard(page):
    page.goto("kriterier/HSK-001/")
    page.locator("body").press("/")
    box = page.get_by_role("searchbox", name="Sök på ord eller id")
    expect(box).to_be_focused()
    box.press_sequentially("sanktionerna", delay=20)
    results_for(page, "sanktionerna")
    box.press("ArrowDown")
    first = page.locator("#kb-search-results > li a").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Sök i Kravbanken")).to_be_hidden()
    expect(page.get_by_role("button", name="Sök")).to_be_focused()
    page.locator("body").press("/")
    expect(box).to_have_value("sanktionerna")
    href = page.locator("#kb-search-results > li a").first.get_attribute("href")
    box.press("Enter")  # Enter opens the first result
    page.wait_for_url(re.compile(re.escape(href) + "$"))


def test_a_search_fetches_only_parts_of_the_index_and_nothing_from_another_host(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("kriterier/HSK-001/", wait_until="networkidle")
    assert not [u for u in requests if "/pagefind/" in u], "en sidvisning ska inte hämta sökindexet"
    box = open_search(page, "kriterier/HSK-001/")
    box.press_sequentially("handskarna", delay=20)
    results_for(page, "handskarna")
    page.wait_for_load_state("networkidle")
    index = [u for u in requests if "/pagefind/index/" in u]
    assert index and len(index) < 5, index  # one part of the word index, not all of it
    assert not [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]


def test_without_javascript_there_is_no_dead_search_button(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    page.goto("")
    expect(page.locator("#kb-search-open")).to_be_hidden()
    context.close()
