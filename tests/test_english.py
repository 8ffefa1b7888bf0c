"""The English part of the site, for suppliers abroad (issue 19): pages under /en/ with their own
navigation, a language switch on every page that leads to the same content in the other language,
an English search, English Word files, and a warning from the validator where a criterion's
guidance or verification is not translated yet.

The English URLs are written out here, not taken from the program, and the expected search results
come from reading the records (their English titles and texts)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import docx
import pytest
from playwright.sync_api import expect

from helpers import FIXTURE, read_page, url
from kravbanken.model import load_library

BASE = "https://kravbanken.se/"
# The English pages and their Swedish counterparts, relative to the site root.
EN = {
    "criterion": "en/criteria/{id}/",
    "risk_area": "en/risk-areas/{id}/",
    "follow_up": "en/follow-up/{id}/",
}
OVERVIEWS = {
    "": "en/",
    "kriterier/": "en/criteria/",
    "uppforandekod/": "en/code-of-conduct/",
    "riskomraden/": "en/risk-areas/",
    "uppfoljning/": "en/follow-up/",
}
# Words of the Swedish pages' own text (not the library's) that an English page must not show.
SWEDISH_UI = (
    "Kravtext",
    "Vägledning",
    "Verifiering",
    "Sök",
    "Riskområde",
    "Riskområden",
    "Exempelinnehåll",
    "Ladda ner",
    "Kopiera",
    "Uppföljning",
    "Gällande",
    "Kravtyp",
    "Nivå",
    "Versionshistorik",
    "Innehållet får återanvändas",
)


def pairs(lib) -> list[tuple[str, str]]:
    """(Swedish page, English page) of every page of the kinds with an English counterpart."""
    found = list(OVERVIEWS.items())
    for kind, records in (
        ("criterion", lib.criteria),
        ("risk_area", lib.records["risk_area"]),
        ("follow_up", lib.records["follow_up"]),
    ):
        found += [(url(kind, id=i), EN[kind].format(id=i)) for i in records]
    return found


def switch(site: Path, path: str, lang: str) -> tuple[str, str]:
    """Where the page at `path` leads for `lang`: (the language switch's link, the head's hreflang link),
    as paths from the site root."""
    soup = read_page(site, path)
    menu = soup.select_one(f"a.md-select__link[hreflang={lang}]")
    head = soup.select_one(f"head link[rel=alternate][hreflang={lang}]")
    assert menu is not None and head is not None, path
    menu_path, head_path = (urlsplit(urljoin(BASE + path, str(a["href"]))).path.lstrip("/") for a in (menu, head))
    return menu_path, head_path


def test_every_swedish_page_of_those_kinds_has_its_english_counterpart_and_back(site, lib):
    wrong = []
    for swedish, english in pairs(lib):
        if not (site / english / "index.html").is_file():
            wrong.append(f"/{english} finns inte")
            continue
        if switch(site, swedish, "en") != (english, english):
            wrong.append(f"/{swedish} -> {switch(site, swedish, 'en')}, väntat /{english}")
        if switch(site, english, "sv") != (swedish, swedish):
            wrong.append(f"/{english} -> {switch(site, english, 'sv')}, väntat /{swedish}")
    assert not wrong, "\n".join(wrong[:20])


def test_a_page_without_a_counterpart_leads_to_the_other_start_page(site, lib):
    old = lib.history("SOC-001")[0]["version"]  # the English part has the current versions only
    assert switch(site, "om/", "en") == ("en/", "en/")
    assert switch(site, url("criterion_version", id="SOC-001", version=old), "en") == ("en/", "en/")


def test_english_pages_are_marked_english_and_show_english_words(site, lib):
    pages = [english for _, english in pairs(lib)]
    wrong = []
    for path in pages:
        soup = read_page(site, path)
        if soup.html.get("lang") != "en":
            wrong.append(f"/{path}: lang={soup.html.get('lang')}")
        for element in soup.select("[lang=sv], script, style"):
            element.decompose()  # Swedish text from the library is marked as Swedish
        text = soup.body.get_text(" ")
        wrong += [f"/{path}: {word}" for word in SWEDISH_UI if re.search(rf"\b{word}\b", text)]
    assert not wrong, "\n".join(wrong[:30])


def test_the_english_navigation_lists_the_english_pages_and_no_criterion(site, lib):
    soup = read_page(site, "en/criteria/")
    tabs = [a.get_text(" ", strip=True) for a in soup.select(".md-tabs__link")]
    assert tabs == ["For suppliers", "Code of conduct", "Criteria", "Risk areas", "Follow-up"]
    nav = soup.select_one("nav.md-nav--primary").get_text(" ")
    assert "Kriterier" not in nav and not [i for i in lib.criteria if i in nav]
    swedish_tabs = [a.get_text(" ", strip=True) for a in read_page(site, "kriterier/").select(".md-tabs__link")]
    assert "For suppliers" not in swedish_tabs and "Kriterier" in swedish_tabs


def test_an_english_criterion_page_has_its_english_title_clause_and_facts(site, lib):
    record = lib.criteria["HSK-001"]
    soup = read_page(site, "en/criteria/HSK-001/")
    assert soup.h1.get_text(" ", strip=True) == f"HSK-001 {record['title']['en']}"
    box = soup.select_one(".kb-clause-box")
    assert box["data-kb-text"] == record["clause"]["en"].rstrip()
    facts = {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(soup.select(".kb-facts dt"), soup.select(".kb-facts dd"), strict=True)
    }
    assert record["type"] == "contract-condition" and record["level"] == "advanced"
    assert facts["Type of criterion"] == "Contract performance condition"
    assert facts["Level"] == "Advanced level"
    assert facts["Status"] == "Active"
    assert facts["Risk areas"] == "Gloves"
    # A risk area links to its English page, a version to the Swedish permanent page.
    links = {urlsplit(urljoin(BASE + "en/criteria/HSK-001/", a["href"])).path for a in soup.select("article a[href]")}
    assert "/en/risk-areas/handskar/" in links
    assert f"/kriterier/HSK-001/{record['version']}/" in links


def test_untranslated_guidance_says_so_and_links_to_the_swedish_text(site, lib):
    record = next(r for r in lib.criteria.values() if "en" not in r["verification"])
    soup = read_page(site, f"en/criteria/{record['id']}/")
    heading = soup.find(id="verifiering")
    note = heading.find_next_sibling("p")
    assert "only in Swedish" in note.get_text()
    link = note.find("a")
    assert link["hreflang"] == "sv"
    assert (
        urljoin(BASE + f"en/criteria/{record['id']}/", link["href"])
        == BASE + url("criterion", id=record["id"]) + "#verifiering"
    )


def test_the_english_word_file_has_the_english_clause(site, lib):
    record = lib.criteria["TEX-001"]
    soup = read_page(site, "en/criteria/TEX-001/")
    link = next(a for a in soup.select(".kb-downloads a") if a["href"].endswith(".docx"))
    file = Path(urlsplit(urljoin(BASE + "en/criteria/TEX-001/", link["href"])).path.lstrip("/"))
    assert file.as_posix() == "data/criteria/en/TEX-001.docx"
    document = docx.Document(io.BytesIO((site / file).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == f"TEX-001 {record['title']['en']}"
    assert record["clause"]["en"].split("\n")[0] in text
    assert record["clause"]["sv"].split("\n")[0] not in text


def test_the_old_address_of_the_english_code_of_conduct_leads_to_its_new_page(site):
    html = (site / "uppforandekod/english/index.html").read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert refresh and 'name="robots" content="noindex"' in html
    assert urljoin(BASE + "uppforandekod/english/", refresh.group(1)) == BASE + "en/code-of-conduct/"
    assert (site / "en/code-of-conduct/index.html").is_file()


def test_following_the_old_address_in_a_browser_shows_the_english_code(page):
    page.goto("uppforandekod/english/")
    expect(page).to_have_url(re.compile(r"/en/code-of-conduct/$"))
    expect(page.locator("h1")).to_contain_text("Supplier Code of Conduct")


# --- The English search ---

# Queries and the pages each must find, from the English names and texts of the records.
FOUND = {
    "gloves": {"/en/risk-areas/handskar/", "/en/criteria/HSK-001/"},  # Gloves; ... in glove manufacturing
    "forced labour": {"/en/criteria/TEX-001/"},  # Origin of cotton and risk of forced labour
    "audit": {"/en/follow-up/kontorsrevision/", "/en/follow-up/revision-pa-plats/"},  # Office audit, On-site audit
}


@pytest.mark.parametrize("query", FOUND)
def test_the_english_search_finds_english_pages_only(page, query):
    page.goto("en/")
    found = page.evaluate(
        """async (q) => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.init();
      const search = await pagefind.search(q);
      return Promise.all(search.results.map(async (r) => (await r.data()).url));
    }""",
        query,
    )
    assert FOUND[query] <= set(found)
    assert not [u for u in found if not u.startswith("/en/")]


def test_the_search_dialog_on_an_english_page_is_in_english(page):
    page.goto("en/")
    page.get_by_role("button", name="Search").click()
    box = page.get_by_role("searchbox", name="Search for a word or an id")
    expect(box).to_be_focused()
    box.press_sequentially("gloves", delay=20)
    page.wait_for_selector("#kb-search-results[data-kb-query='gloves']", state="attached", timeout=20000)
    expect(page.locator("#kb-search-status")).to_contain_text("results for “gloves”")
    hrefs = page.locator("#kb-search-results a").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs and all(h.startswith("/en/") for h in hrefs)


def test_the_copy_button_on_an_english_criterion_page_is_in_english(page):
    page.goto("en/criteria/HSK-001/")
    expect(page.get_by_role("button", name="Copy clause for HSK-001")).to_be_visible()


# --- The validator ---


def write_tst(project: Path, extra: str = "") -> str:
    """The test fixture as TST-001 (with its archived 1.0), `extra` lines added to its guidance and
    verification; returns the text written."""
    text = FIXTURE.read_text(encoding="utf-8")
    if extra:
        text = text.replace(
            "  sv: Vägledning till upphandlaren.\n", f"  sv: Vägledning till upphandlaren.\n  en: {extra}\n"
        )
        text = text.replace(
            "  sv: Leverantören lämnar en lista över produktionsenheter.\n",
            f"  sv: Leverantören lämnar en lista över produktionsenheter.\n  en: {extra}\n",
        )
    (project / "criteria/krav/TST-001.yaml").write_text(text, encoding="utf-8")
    archive = project / "criteria/arkiv/TST-001/1.0.yaml"
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_text((FIXTURE.parent / "TST-001-1.0.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return text


def test_the_validator_warns_where_guidance_and_verification_are_not_in_english(project):
    text = write_tst(project)
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("OK: ")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("guidance:"))
    mine = [w for w in result.stderr.splitlines() if w.startswith("criteria/krav/TST-001.yaml:")]
    assert len(mine) == 1
    assert re.fullmatch(
        rf"criteria/krav/TST-001\.yaml:{line + 1}:\d+: varning: vägledning \(guidance\) och verifiering "
        r"\(verification\) saknar text på engelska \(en\); kravets engelska sida säger då att texten bara finns på "
        r"svenska\. Skriv den engelska texten under en:, bredvid sv:",
        mine[0],
    ), mine


def test_a_translated_criterion_gets_no_warning(project):
    write_tst(project, "Guidance in English.")
    lib = load_library(project)
    assert lib.problems == ()
    assert not [w for w in lib.warnings if w.path == "criteria/krav/TST-001.yaml"]
