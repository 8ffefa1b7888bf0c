"""Benchmark of what a reader's browser loads: page views, the site search and the overview.

    python scripts/bench_search.py --sizes 100,2000,5000

For each size N it builds the synthetic library of scripts/bench.py (N criteria made from the real
ones), serves the site on 127.0.0.1 and drives Debian's Chromium headless with Playwright, a fresh
profile (empty cache) for every measurement. One JSON line per size:

  build_s                  one `mkdocs build --strict` of the copy (search index included)
  page_view_bytes          bytes a criterion page view transfers without a search, until the network
                           is idle (everything the page loads by itself, the search index included if
                           the page loads it)
  overview_view_bytes      the same for the overview /kriterier/
  search_bytes             bytes transferred on /kriterier/ from typing the query until its first
                           result shows (what a search costs on top of the page view)
  first_result_ms          milliseconds from the last keystroke to the first result of the query
  *_criterion_page         the same two for a search from a criterion page, which (unlike the
                           overview, whose filters use the index) has loaded nothing of the index
  results                  how many results the search showed for the query
  overview_html_bytes      the HTML of /kriterier/ on disk
  index_bytes, index_files the search index on disk (Material: search/search_index.json;
                           Pagefind: the pagefind/ folder)

Bytes are as served by a plain local web server, uncompressed; `*_gzip` gives the same transfer
compressed with gzip, as most web hosts send text.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import chromium  # scripts/chromium.py, beside this file: started as the browser tests start it
from bench import folder_bytes, make_project, run_build  # scripts/bench.py, beside this file

QUERY = "arbetsvillkor"  # a word in many criteria's clauses, as written, so every search finds it

# The search interfaces this script knows: how to open the field, and a test in the page that is
# true once the results of the whole query show (the query is in window.__kbQuery).
SEARCH_UIS = {
    # Material's built-in search: results link to pages with the query terms in ?h=.
    "material": {
        "present": ".md-search__input",
        "open": ".md-search__input",
        "field": ".md-search__input",
        "done": "document.querySelector(`.md-search-result__item a[href*='?h=${window.__kbQuery}']`)",
        "count": ".md-search-result__item",
    },
    # Kravbanken's Pagefind search (overrides/partials/search.html, kravbanken-sok.js).
    "pagefind": {
        "present": "#kb-search-open",
        "open": "#kb-search-open",
        "field": "#kb-search-input",
        "done": "document.querySelector(`#kb-search-results[data-kb-query='${window.__kbQuery}'] li`)",
        "count": "#kb-search-results li",
    },
}

# Time of the last key pressed, read when the results show.
KEY_TIMER = "addEventListener('keydown', () => { window.__kbLastKey = performance.now(); }, true);"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Served:
    """The built site on 127.0.0.1, and the size on disk of each file a URL names."""

    def __init__(self, site: Path):
        self.site = site
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self._gzip: dict[Path, tuple[int, int]] = {}  # file -> (bytes, gzipped bytes)

    def file(self, url: str) -> Path | None:
        if not url.startswith(self.base):
            return None
        path = self.site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def sizes(self, urls: list[str]) -> tuple[int, int]:
        """(bytes, gzip bytes) of the files behind `urls`."""
        raw = packed = 0
        for url in urls:
            path = self.file(url)
            if path is None:
                continue
            if path not in self._gzip:
                data = path.read_bytes()
                self._gzip[path] = (len(data), len(gzip.compress(data, 6)))
            raw += self._gzip[path][0]
            packed += self._gzip[path][1]
        return raw, packed

    def close(self):
        self.httpd.shutdown()


def _context(browser, served):
    """A fresh profile with its list of answered requests (the page's and its workers')."""
    context = browser.new_context(base_url=served.base, viewport={"width": 1280, "height": 800})
    loaded: list[str] = []
    context.on("requestfinished", lambda request: loaded.append(request.url))
    context.add_init_script(KEY_TIMER)
    return context, loaded


def page_view(browser, served, path: str) -> tuple[int, int]:
    context, loaded = _context(browser, served)
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    page.wait_for_timeout(500)  # a worker may start loading just after the page is idle
    page.wait_for_load_state("networkidle")
    sizes = served.sizes(loaded)
    context.close()
    return sizes


def first_search(browser, served, query: str, path: str = "kriterier/") -> dict:
    """Open `path`, type `query` into the site search as a reader would, and time the results."""
    context, loaded = _context(browser, served)
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    ui = next(ui for name, ui in SEARCH_UIS.items() if page.locator(ui["present"]).count())
    before = len(loaded)
    page.locator(ui["open"]).first.click()
    page.evaluate("(q) => { window.__kbQuery = q; }", query)
    page.locator(ui["field"]).first.press_sequentially(query, delay=60)
    waited = page.wait_for_function(
        f"() => ({ui['done']}) && performance.now() - window.__kbLastKey", polling="raf", timeout=60000
    )
    ms = waited.json_value()
    results = page.locator(ui["count"]).count()
    page.wait_for_timeout(300)  # let requests already under way finish, so they are counted
    raw, packed = served.sizes(loaded[before:])
    context.close()
    return {"search_bytes": raw, "search_bytes_gzip": packed, "first_result_ms": round(ms), "results": results}


def index_on_disk(site: Path) -> tuple[int, int]:
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return folder_bytes(pagefind), sum(1 for f in pagefind.rglob("*") if f.is_file())
    return (site / "search" / "search_index.json").stat().st_size, 1


def measure(n: int, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix=f"kravbanken-search-{n}-") as tmp:
        project, site = Path(tmp) / "project", Path(tmp) / "site"
        project.mkdir()
        ids = make_project(project, n)
        build_s, _ = run_build(project, site)
        served = Served(site)
        try:
            with sync_playwright() as pw:
                browser = chromium.launch(pw)
                view = page_view(browser, served, f"kriterier/{ids[0]}/")
                overview = page_view(browser, served, "kriterier/")
                search = first_search(browser, served, query)
                elsewhere = first_search(browser, served, query, f"kriterier/{ids[0]}/")
                browser.close()
        finally:
            served.close()
        index_bytes, index_files = index_on_disk(site)
        return {
            "n": n,
            "build_s": round(build_s, 1),
            "page_view_bytes": view[0],
            "page_view_bytes_gzip": view[1],
            "overview_view_bytes": overview[0],
            "overview_view_bytes_gzip": overview[1],
            **search,
            **{f"{key}_criterion_page": value for key, value in elsewhere.items() if key != "results"},
            "query": query,
            "overview_html_bytes": (site / "kriterier" / "index.html").stat().st_size,
            "index_bytes": index_bytes,
            "index_files": index_files,
        }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,2000,5000", help="antal krav per mätning, kommaseparerat")
    parser.add_argument("--query", default=QUERY, help="det som skrivs i sökrutan")
    args = parser.parse_args(argv)
    for n in (int(s) for s in args.sizes.split(",")):
        start = time.perf_counter()
        result = measure(n, args.query)
        result["bench_s"] = round(time.perf_counter() - start)
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
