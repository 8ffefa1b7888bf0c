"""One visit to every page of the built site in Chromium, recording what the quality gates check.

Pages are found in the built site directory, never listed by hand, so a page added by anyone is
checked from the first build that contains it. Each page is loaded once, because the site has two
pages per criterion and a visit per check would be slow. Two tabs of one fresh browser context take
turns: while axe-core checks the page in one, it checks another page in the other. Each tab has its
own renderer process, so the two runs use both cores of a small machine.

The visit is almost all axe-core's work in the renderer (about 0.6 s of CPU per page here, two runs
of 150-200 ms and the page load), so it is split into shares (SHARE pages each) that the workers of
a pytest-xdist run take in turn (tests/conftest.py, site_visits): no worker waits while another one
visits the pages it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
NARROW = 320  # 1280 px at 400 % zoom (WCAG 1.4.10 Reflow)
TABS = 2
SHARE = 40  # pages per share of the visit: each share ends with a wait for the network to go quiet

# axe-core on the page as it is laid out now, after two frames so that resize handlers have run.
_AXE_JS = """async (tags) => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {width: innerWidth, scrollWidth: document.scrollingElement.scrollWidth, violations: result.violations};
}"""
_AXE_START = f"(tags) => {{ window.kbAxe = ({_AXE_JS})(tags); }}"  # returns at once; axe goes on in its tab
_AXE_RESULT = "() => window.kbAxe"

# What a keyboard user sees after the first Tab (the skip link), then on a link in the text, focused
# while the browser is still in keyboard mode, so it shows focus as it does when tabbing.
_FOCUS_JS = """() => {
  const seen = (el) => {
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const hash = (el.getAttribute('href') || '').split('#')[1];
    return {text: el.textContent.trim(), tag: el.tagName, hash: hash || null,
            target: hash ? document.getElementById(decodeURIComponent(hash)) !== null : false,
            visible: el.getBoundingClientRect().width > 0,
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
            shadow: s.boxShadow !== 'none'};
  };
  const skip = seen(document.activeElement);
  const link = document.querySelector('article a[href]:not(.headerlink)');
  if (link) link.focus();
  return {skip, link: seen(link)};
}"""


def is_moved(file: Path) -> bool:
    """A page left at an old address that sends the browser on at once (tests/test_english.py)."""
    return 'http-equiv="refresh"' in file.read_text(encoding="utf-8")


def page_files(site: Path) -> list[Path]:
    """Every HTML page of the built site, but the pages left at old addresses: a browser leaves them
    as soon as they load."""
    return sorted(f for f in site.rglob("*.html") if not is_moved(f))


def page_path(site: Path, file: Path) -> str:
    """The URL path of a built page, relative to the site root ("kriterier/SOC-001/")."""
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


@dataclass(frozen=True)
class Visit:
    violations: list  # what axe-core found, at desktop width and at 320 px: {id, help, width, targets}
    skip: dict | None  # the element the first Tab focuses (the skip link)
    text_link: dict | None  # a link in the article, focused from the keyboard
    narrow_width: int  # the document's scroll width in a 320 px wide window


def _violations(result: dict) -> list:
    return [
        {"id": v["id"], "help": v["help"], "width": result["width"], "targets": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def _visit(tabs: list, base_url: str, paths: list[str]) -> list[Visit]:
    """One page in each tab, each step taken in every tab before waiting for the first to finish it."""
    for tab, path in zip(tabs, paths, strict=False):  # the last batch may be smaller
        tab.goto(base_url + path, wait_until="commit")
    for tab in tabs:
        tab.wait_for_load_state("load")
        tab.evaluate(_AXE_START, AXE_TAGS)
    wide = []
    for tab in tabs:
        wide.append(tab.evaluate(_AXE_RESULT))
        tab.set_viewport_size({"width": NARROW, "height": 640})  # 400 % zoom has its own menus and scrolling boxes
        tab.evaluate(_AXE_START, AXE_TAGS)
    visits = []
    for tab, desktop in zip(tabs, wide, strict=False):
        narrow = tab.evaluate(_AXE_RESULT)
        tab.set_viewport_size(DESKTOP)
        # Focus last: it scrolls the page and starts transitions that axe would catch half-way.
        tab.keyboard.press("Tab")
        focus = tab.evaluate(_FOCUS_JS)
        visits.append(
            Visit(
                violations=_violations(desktop) + _violations(narrow),
                skip=focus["skip"],
                text_link=focus["link"],
                narrow_width=narrow["scrollWidth"],
            )
        )
    return visits


def shares(site: Path) -> list[list[str]]:
    """The paths of every page of the built site, in shares of SHARE pages."""
    paths = [page_path(site, file) for file in page_files(site)]
    return [paths[start : start + SHARE] for start in range(0, len(paths), SHARE)]


def visit_pages(browser, base_url: str, paths: list[str]) -> tuple[dict[str, Visit], list[tuple[str, str]]]:
    """(page path -> Visit, every request made as (page path, requested URL))."""
    assert AXE.is_file(), f"{AXE} saknas: kör npm ci --ignore-scripts (make test gör det)"
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(path=str(AXE))  # axe-core from node_modules, sent to the browser once
    requests: list[tuple[str, str]] = []
    tabs = [context.new_page() for _ in range(TABS)]
    showing: dict[object, str] = {}  # tab -> the path of the page it shows
    for tab in tabs:
        tab.on("request", lambda request, tab=tab: requests.append((showing[tab], request.url)))
    visits: dict[str, Visit] = {}
    try:
        for start in range(0, len(paths), TABS):
            batch = paths[start : start + TABS]
            showing.update(zip(tabs, batch, strict=False))
            visits.update(zip(batch, _visit(tabs[: len(batch)], base_url, batch), strict=True))
        for tab in tabs:
            tab.wait_for_load_state("networkidle")  # let the last page's search worker finish loading
    finally:
        context.close()
    return visits, requests
