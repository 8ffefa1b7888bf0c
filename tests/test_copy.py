"""Copying a clause in Chromium: the clipboard gets the clause exactly as written in the YAML and
the source line with id, version and permanent address, by mouse or keyboard, with a confirmation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# Bullet lists and gaps (HSK-001), a numbered list (ETI-002), a superseded criterion (SOC-001).
EXAMPLES = ["HSK-001", "ETI-002", "SOC-001"]


def expected(record: dict, lang: str = "sv") -> str:
    source = "Källa" if lang == "sv" else "Source"
    url = f"https://kravbanken.se/kriterier/{record['id']}/{record['version']}/"
    return (
        f"{record['clause'][lang].rstrip()}\n\n{source}: Kravbanken {record['id']} version {record['version']}, {url}"
    )


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def clipboard_html(page) -> str:
    return page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return await (await item.getType("text/html")).text();
    }""")


@pytest.mark.parametrize("criterion_id", EXAMPLES)
def test_copy_button_puts_the_exact_clause_and_source_line_on_the_clipboard(page, lib, criterion_id):
    record = lib.criteria[criterion_id]
    page.goto(f"kriterier/{criterion_id}/")
    button = page.get_by_role("button", name=f"Kopiera kravtext för {criterion_id}", exact=True)
    expect(button).to_have_text("Kopiera kravtext")
    button.click()
    expect(page.locator(".kb-clause-box[data-kb-clause='sv'] + .kb-copy [role='status']")).to_have_text("Kopierat")
    assert clipboard(page) == expected(record)

    english = page.get_by_role("button", name=f"Kopiera kravtext på engelska för {criterion_id}", exact=True)
    english.click()
    expect(page.locator(".kb-clause-box[data-kb-clause='en'] + .kb-copy [role='status']")).to_have_text("Kopierat")
    assert clipboard(page) == expected(record, "en")


def test_clipboard_also_holds_html_with_the_lists_for_word(page, lib):
    record = lib.criteria["ETI-002"]
    page.goto("kriterier/ETI-002/")
    page.get_by_role("button", name="Kopiera kravtext för ETI-002", exact=True).click()
    expect(page.get_by_text("Kopierat")).to_be_visible()
    html = clipboard_html(page)
    items = [line.split(". ", 1)[1] for line in record["clause"]["sv"].splitlines() if line[:1].isdigit()]
    assert "<ol>" in html and all(f"<li>{item}</li>" in html for item in items)
    assert f"Källa: Kravbanken ETI-002 version {record['version']}" in html


def test_copy_works_from_the_keyboard(page, lib):
    record = lib.criteria["HSK-001"]
    page.goto("kriterier/HSK-001/")
    button = page.get_by_role("button", name="Kopiera kravtext för HSK-001", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".kb-clause-box[data-kb-clause='sv'] + .kb-copy [role='status']")
    expect(status).to_have_text("Kopierat")
    assert clipboard(page) == expected(record)

    page.evaluate("navigator.clipboard.writeText('')")
    status.evaluate("el => el.textContent = ''")  # so that the next "Kopierat" is a new one
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back to the button the way a keyboard user moves
    page.keyboard.press("Space")
    expect(status).to_have_text("Kopierat")
    assert clipboard(page) == expected(record)


def test_each_copy_button_has_its_own_accessible_name(page, lib):
    page.goto("kriterier/SOC-002/")
    names = page.locator(".kb-copy button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert names == ["Kopiera kravtext för SOC-002", "Kopiera kravtext på engelska för SOC-002"]


def test_gaps_are_marked_and_explained(page, lib):
    page.goto("kriterier/HSK-001/")
    gaps = page.locator(".kb-clause-box[data-kb-clause='sv'] .kb-gap").all_inner_texts()
    assert gaps and all(g.startswith("[") and g.endswith("]") for g in gaps)
    expect(page.locator(".kb-gap-legend")).to_contain_text("hakparentes")


def test_without_javascript_the_clause_shows_and_no_dead_button(browser, server, lib):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    page.goto("kriterier/HSK-001/")
    expect(page.locator(".kb-clause-box[data-kb-clause='sv']")).to_contain_text("rekryteringsavgifter")
    assert page.get_by_role("button", name="Kopiera kravtext").count() == 0
    context.close()


def test_copy_all_selected_clauses_from_the_overview(page, lib):
    page.goto("kriterier/")
    for criterion_id in ("ETI-002", "HSK-001"):
        page.get_by_role("checkbox", name=f"Välj {criterion_id}", exact=True).check()
    expect(page.locator("#kb-selected")).to_have_text("2 krav är valda.")
    page.get_by_role("button", name="Kopiera valda kravtexter").click()
    expect(page.locator("#kb-selected")).to_have_text("Kopierat: kravtexten för 2 krav.")
    assert clipboard(page) == expected(lib.criteria["ETI-002"]) + "\n\n" + expected(lib.criteria["HSK-001"])
