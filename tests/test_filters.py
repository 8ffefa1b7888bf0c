"""The overview's filters in Chromium: they narrow the table as the YAML says they should, can be
combined, count what is shown, keep their state in the URL, and leave the full table without JS."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect



def shown_ids(page) -> list[str]:
    return page.locator("#kriterier-tabell tbody tr:visible").evaluate_all("rows => rows.map(r => r.dataset.id)")


def expect_rows(page, ids, total):
    expect(page.locator("#kb-count")).to_have_text(
        f"{len(ids)} av {total} kriterier" + ("" if ids else ". Inga krav passar filtren; välj Visa alla kriterier."))
    assert shown_ids(page) == sorted(ids)


def test_risk_area_filter_narrows_the_table(page, lib):
    page.goto("kriterier/")
    total = len(lib.criteria)
    expect(page.locator("#kb-count")).to_have_text(f"{total} av {total} kriterier")
    page.get_by_label("Riskområde").select_option(label=lib.records["risk_area"]["handskar"]["name"]["sv"])
    expect_rows(page, [i for i, r in lib.criteria.items() if "handskar" in r["risk_areas"]], total)
    assert parse_qs(urlsplit(page.url).query) == {"riskomrade": ["handskar"]}


def test_filters_combine(page, lib):
    page.goto("kriterier/")
    page.get_by_label("Kravtyp").select_option(label=lib.label("type", "contract-condition"))
    page.get_by_label("Nivå").select_option(label=lib.label("level", "base"))
    page.get_by_label("Status").select_option(label=lib.label("status", "active"))
    wanted = [i for i, r in lib.criteria.items()
              if (r["type"], r["level"], r["status"]) == ("contract-condition", "base", "active")]
    assert wanted  # the example data has such criteria, so the test checks a real narrowing
    expect_rows(page, wanted, len(lib.criteria))
    page.get_by_role("button", name="Visa alla kriterier").click()
    expect_rows(page, list(lib.criteria), len(lib.criteria))
    assert urlsplit(page.url).query == ""


def words_of(record: dict) -> str:
    return " ".join([record["id"], record["title"]["sv"], record["clause"]["sv"], *record.get("tags", [])]).lower()


@pytest.mark.parametrize("query", ["HSK-001", "rekryteringsbyråer", "Barnarbete", "nitril handskar"])
def test_free_text_matches_id_title_and_clause(page, lib, query):
    page.goto("kriterier/")
    page.get_by_label("Sök på id, ord i rubrik eller kravtext").fill(query)
    wanted = [i for i, r in lib.criteria.items() if all(w in words_of(r) for w in query.lower().split())]
    assert wanted
    expect_rows(page, wanted, len(lib.criteria))


def test_filter_state_round_trips_through_the_url(page, lib):
    page.goto("kriterier/")
    page.get_by_label("Riskområde").select_option("textil")
    page.get_by_label("Sök på id, ord i rubrik eller kravtext").fill("lön")
    expect(page.locator("#kb-count")).not_to_have_text(f"{len(lib.criteria)} av {len(lib.criteria)} kriterier")
    shared, rows = page.url, shown_ids(page)
    assert rows

    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("#kb-count")).to_have_text(f"{len(rows)} av {len(lib.criteria)} kriterier")
    assert shown_ids(other) == rows
    expect(other.get_by_label("Riskområde")).to_have_value("textil")
    expect(other.get_by_label("Sök på id, ord i rubrik eller kravtext")).to_have_value("lön")


def test_unknown_values_in_the_url_are_ignored(page, lib):
    page.goto("kriterier/?riskomrade=finns-inte&niva=base")
    expect_rows(page, [i for i, r in lib.criteria.items() if r["level"] == "base"], len(lib.criteria))


def test_without_javascript_the_full_table_shows(browser, server, lib):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    page.goto("kriterier/?riskomrade=handskar")
    assert sorted(shown_ids(page)) == sorted(lib.criteria)
    expect(page.locator("#kb-filter")).to_be_hidden()
    expect(page.locator("#kravpaket")).to_be_hidden()
    context.close()
