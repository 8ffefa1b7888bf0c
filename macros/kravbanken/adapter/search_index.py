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

log = logging.getLogger("mkdocs.plugins.kravbanken")

FOLDER = "pagefind"
# The pages to read: all but the permanent version pages of criteria (kriterier/<id>/<version>/),
# which are not indexed (overrides/main.html) and are half of all pages; skipping them here halves
# the time Pagefind takes. A new top folder whose name starts with "k" is read to two levels down.
GLOB = "{*.html,*/*.html,*/*/*.html,[!k]*/**/*.html,k[!r]*/**/*.html}"
# Repeated text that would make every page match its words: the example-content note, the address
# and download lines of a criterion, the fill-in legend, and the lists that link to other records
# (a criterion is found on its own page, not on every page that lists it), and the heading anchors (¶).
EXCLUDE = (".kb-example", ".kb-permalink", ".kb-downloads", ".kb-gap-legend", ".kb-refs", ".kb-nojs", ".headerlink")
# Pagefind also writes its own ready-made search interfaces; the site has its own, in Swedish.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def write(site_dir: str | Path) -> str:
    """Index the built site in `site_dir`; returns Pagefind's summary (pages, words, filters)."""
    site = Path(site_dir)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", FOLDER,
                             "--glob", GLOB, "--exclude-selectors", ", ".join(EXCLUDE)],
                            capture_output=True, text=True)
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
