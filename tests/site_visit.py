"""One visit to every page of the built site in Chromium, recording what the quality gates check.

Pages are found in the built site directory, never listed by hand, so a page added by anyone is
checked from the first build that contains it. Each page is loaded once, in one fresh browser
context, because the site has two pages per criterion and a visit per check would be slow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
NARROW = 320  # 1280 px at 400 % zoom (WCAG 1.4.10 Reflow)

# What a keyboard user sees: the first Tab stop (the skip link) and a link in the text.
_FOCUS_JS = """(el) => {
  if (!el) return null;
  const s = getComputedStyle(el);
  const hash = (el.getAttribute('href') || '').split('#')[1];
  return {text: el.textContent.trim(), tag: el.tagName, hash: hash || null,
          target: hash ? document.getElementById(decodeURIComponent(hash)) !== null : false,
          visible: el.getBoundingClientRect().width > 0,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          shadow: s.boxShadow !== 'none'};
}"""


def page_files(site: Path) -> list[Path]:
    """Every HTML page of the built site."""
    return sorted(site.rglob("*.html"))


def page_path(site: Path, file: Path) -> str:
    """The URL path of a built page, relative to the site root ("kriterier/SOC-001/")."""
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


@dataclass
class Visit:
    violations: list = field(default_factory=list)  # axe-core: {id, help, targets}
    lang: str | None = None
    skip: dict | None = None        # the element focused by the first Tab
    text_link: dict | None = None   # a link in the article, focused from the keyboard
    narrow_width: int = 0           # document scroll width at a 320 px viewport


def _visit(page, url: str) -> Visit:
    page.goto(url, wait_until="load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                        resultTypes: ['violations']})""", AXE_TAGS)
    visit = Visit(lang=page.evaluate("document.documentElement.getAttribute('lang')"))
    visit.violations = [{"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
                        for v in result["violations"]]
    page.keyboard.press("Tab")
    visit.skip = page.evaluate_handle("document.activeElement").evaluate(_FOCUS_JS)
    link = page.query_selector("article a[href]:not(.headerlink)")
    if link:
        link.focus()  # after a Tab press, so the browser shows focus as it does for keyboard users
        visit.text_link = link.evaluate(_FOCUS_JS)
    page.set_viewport_size({"width": NARROW, "height": 640})
    visit.narrow_width = page.evaluate("document.scrollingElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    return visit


def visit_every_page(browser, base_url: str, site: Path) -> tuple[dict[str, Visit], list[tuple[str, str]]]:
    """(page path -> Visit, every request made as (page path, requested URL))."""
    context = browser.new_context(viewport=DESKTOP)
    requests: list[tuple[str, str]] = []
    current = [""]
    context.on("request", lambda request: requests.append((current[0], request.url)))
    page = context.new_page()
    visits = {}
    try:
        for file in page_files(site):
            current[0] = path = page_path(site, file)
            visits[path] = _visit(page, base_url + path)
        page.wait_for_load_state("networkidle")  # let the last page's search worker finish loading
    finally:
        context.close()
    return visits, requests
