"""Accessibility gate (WCAG 2.1 AA): axe-core on every page of the built site, plus what axe cannot
judge alone: a working skip link, visible keyboard focus, reflow at 320 px (400 % zoom), the
language of each page and of English passages, and a named search dialog."""

import bisect
import re
from itertools import accumulate

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from helpers import url
from site_visit import AXE, AXE_TAGS, NARROW, page_files, page_path

SKIP_TEXT = "Gå till innehållet"  # Material's Swedish skip link
SKIP_TEXT_EN = "Skip to content"  # and its English one, on the English pages under /en/
PLACEHOLDER = re.compile(r"\[[^\[\]\n]+\]")
LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
SHORT = 25  # English texts shorter than this must fill a text node; longer ones may be part of one


def report(items: list[str], limit: int = 60) -> str:
    more = f"\n… och {len(items) - limit} till" if len(items) > limit else ""
    return "\n".join(items[:limit]) + more


def test_every_page_was_visited(site, site_visits, lib):
    visits, _ = site_visits
    assert set(visits) == {page_path(site, f) for f in page_files(site)}
    criterion = next(iter(lib.criteria.values()))
    assert {
        url("criterion", id=criterion["id"]),
        url("criterion_version", id=criterion["id"], version=criterion["version"]),
    } <= set(visits)


def test_axe_finds_no_wcag_2_1_aa_violation_on_any_page_wide_or_at_320_px(site_visits):
    visits, _ = site_visits
    found = [
        f"/{page} ({v['width']} px): {v['id']} ({v['help']}) på {', '.join(' '.join(t) for t in v['targets'][:5])}"
        for page, visit in visits.items()
        for v in visit.violations
    ]
    assert not found, f"axe-core ({', '.join(AXE_TAGS)}) hittade {len(found)} fel:\n{report(found)}"


def test_every_page_starts_with_a_skip_link_to_the_content(site_visits):
    visits, _ = site_visits
    wrong = [
        f"/{page}: {visit.skip}"
        for page, visit in visits.items()
        if not (
            visit.skip
            and visit.skip["text"] == (SKIP_TEXT_EN if page.startswith("en/") else SKIP_TEXT)
            and visit.skip["target"]
            and visit.skip["visible"]
        )
    ]
    assert not wrong, "Första tabbstoppet är inte en synlig länk till innehållet:\n" + report(wrong)


def test_following_the_skip_link_takes_the_keyboard_past_the_menus_into_the_content(page, lib):
    page.goto(url("criterion", id=sorted(lib.criteria)[0]))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.md-content') !== null")


def test_keyboard_focus_is_visible_on_the_skip_link_and_on_links_in_the_text(site_visits):
    visits, _ = site_visits
    assert any(v.text_link for v in visits.values())
    wrong = [
        f"/{page}: {which} {focus}"
        for page, visit in visits.items()
        for which, focus in (("hopplänk", visit.skip), ("länk i texten", visit.text_link))
        if focus and not (focus["outline"] or focus["shadow"])
    ]
    assert not wrong, "Fokus syns inte:\n" + report(wrong)


def test_focus_is_visible_on_every_tab_stop_of_a_criterion_page(page, lib):
    page.goto(url("criterion", id=sorted(lib.criteria)[0]))
    unseen, stops = [], 0
    for _ in range(300):
        page.keyboard.press("Tab")
        focus = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, text: e.textContent.trim().slice(0, 40), cls: e.className,
                    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                          || s.boxShadow !== 'none'}; }""")
        if focus["tag"] == "BODY":
            break
        stops += 1
        if not focus["ring"]:
            unseen.append(str(focus))
    assert stops > 10
    assert not unseen, "Fokus syns inte på:\n" + "\n".join(unseen)


def test_no_page_scrolls_sideways_at_320_px(site_visits):
    visits, _ = site_visits
    wide = [f"/{page}: {visit.narrow_width} px" for page, visit in visits.items() if visit.narrow_width > NARROW + 1]
    assert not wide, f"Sidor som är bredare än {NARROW} px (400 % zoom):\n" + report(wide)


@pytest.mark.parametrize("width", [1280, NARROW])
def test_open_search_with_results_passes_axe(page, width):
    """The search dialog (overrides/partials/kb-search.html) with results, on a wide and a narrow screen."""
    page.set_viewport_size({"width": width, "height": 700})
    page.goto("")
    page.get_by_role("button", name="Sök").click()
    dialog = page.get_by_role("dialog", name="Sök i Kravbanken")
    expect(dialog).to_be_visible()
    page.get_by_role("searchbox", name="Sök på ord eller id").press_sequentially("barnarbete", delay=20)
    page.wait_for_selector("#kb-search-results[data-kb-query='barnarbete'] li")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """(tags) => axe.run('#kb-search', {runOnly: {type: 'tag', values: tags},
                                  resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))""",
        AXE_TAGS,
    )
    assert violations == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_every_page_is_marked_with_its_language(site):
    """Swedish, but English under /en/ (the English part, for suppliers)."""
    wrong = [
        page_path(site, f)
        for f in page_files(site)
        if BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser").html.get("lang")
        != ("en" if page_path(site, f).startswith("en/") else "sv")
    ]
    assert not wrong


def english_texts(value):
    """Every English text in a record: the `en` of each {sv, en} pair that differs from the Swedish."""
    if isinstance(value, dict):
        sv, en = value.get("sv"), value.get("en")
        if isinstance(sv, str) and isinstance(en, str) and en.strip() != sv.strip():
            yield en
        for item in value.values():
            yield from english_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from english_texts(item)


def probes(text: str) -> tuple[str, bool]:
    """What to look for on a page: the longest run of the text that is one text node there (no
    line break, list mark or [placeholder] inside), and whether it must be the whole node."""
    pieces = [piece.strip() for line in text.splitlines() for piece in PLACEHOLDER.split(LIST_MARK.sub("", line))]
    longest = max(pieces, key=len)
    return (longest, False) if len(longest) >= SHORT else (text.strip(), True)


def language_at(node) -> str | None:
    for parent in node.parents:
        if parent.has_attr("lang"):
            return parent["lang"]
    return None


def test_english_text_from_the_library_is_marked_english_wherever_it_is_shown(site, lib):
    wanted = {
        probes(text)
        for records in lib.records.values()
        for record in records.values()
        for text in english_texts(record)
    }
    wrong, seen = [], 0
    for file in page_files(site):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        nodes = [n for n in soup.find_all(string=True) if n.parent.name not in ("script", "style", "title")]
        texts = [str(node) for node in nodes]
        starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
        joined = "\x00".join(texts)
        for probe, whole in wanted:
            at = joined.find(probe)
            while at != -1:
                node = nodes[bisect.bisect_right(starts, at) - 1]
                if not whole or str(node).strip() == probe:
                    seen += 1
                    if language_at(node) != "en":
                        wrong.append(f"/{page_path(site, file)}: {probe[:60]!r} (lang={language_at(node)})")
                at = joined.find(probe, at + 1)
    assert seen > 0  # the English clauses of the criterion pages at least
    assert not wrong, 'Engelsk text utan lang="en":\n' + report(sorted(set(wrong)))
