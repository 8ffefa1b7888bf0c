"""The site search index (`kravbanken-search` in mkdocs.yml): Pagefind (https://pagefind.app) run
over the site once MkDocs has written it.

Pagefind reads the pages that overrides/main.html marks with data-pagefind-body (every page but the
permanent version pages of criteria), stems Swedish words with Snowball (the pages say
<html lang="sv">), and writes an index split into small files under pagefind/. A browser fetches
only the parts a query needs (docs/assets/javascripts/kravbanken.js). The binary comes from PyPI
(pagefind-bin), pinned in pyproject.toml; nothing is downloaded at build time.

A plugin of its own, beside `kravbanken`, so that the benchmark's plain build (scripts/bench.py),
which leaves out our other plugin, makes the same search index.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .. import urls

log = logging.getLogger("mkdocs.plugins.kravbanken")

FOLDER = "pagefind"


def pages_glob(version_page: str = urls.PAGES["criterion_version"]) -> str:
    """The pages Pagefind reads: all but the permanent version pages of criteria (`version_page`,
    kriterier/{id}/{version}/), which are not indexed (overrides/main.html) and are half of all
    pages; skipping them here halves the time Pagefind takes. Every page less deep than a version
    page is read, and every page in any other top folder. Pagefind's globs have no "not", so the
    other top folders are spelt out: names that differ from the version pages' folder at some
    letter, names shorter and names longer than it."""
    top, *below = version_page.strip("/").split("/")
    shallow = ["/".join(["*"] * depth + ["*.html"]) for depth in range(len(below) + 1)]
    others = [f"{top[:i]}[!{top[i]}]*" for i in range(len(top))] + [top[:i] for i in range(1, len(top))] + [f"{top}?*"]
    return "{" + ",".join(shallow + [f"{folder}/**/*.html" for folder in others]) + "}"


# Repeated text that would make every page match its words: the example-content note, the address
# and download lines of a criterion, the fill-in legend, and the lists that link to other records
# (a criterion is found on its own page, not on every page that lists it), and the heading anchors (¶).
EXCLUDE = (".kb-example", ".kb-permalink", ".kb-downloads", ".kb-gap-legend", ".kb-refs", ".kb-nojs", ".headerlink")
# Pagefind also writes its own ready-made search interfaces; the site has its own, in Swedish.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def write(site_dir: str | Path) -> str:
    """Index the built site in `site_dir`; returns Pagefind's summary (pages, words, filters)."""
    site = Path(site_dir)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-subdir",
            FOLDER,
            "--glob",
            pages_glob(),
            "--exclude-selectors",
            ", ".join(EXCLUDE),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode or not (site / FOLDER / "pagefind.js").is_file():
        raise PluginError(f"Pagefind kunde inte skapa sökindexet:\n{result.stdout}\n{result.stderr}")
    for name in UNUSED:
        (site / FOLDER / name).unlink(missing_ok=True)
    return " ".join(line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed"))


class SearchIndexPlugin(BasePlugin):
    def on_post_build(self, config):
        start = time.perf_counter()
        summary = write(config.site_dir)
        log.info("Kravbanken: sökindex (Pagefind) klart på %.2f s: %s", time.perf_counter() - start, summary)
