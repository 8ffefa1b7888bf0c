"""Debian's Chromium, headless through Playwright, started the one way the browser tests
(tests/conftest.py) and the browser benchmark (scripts/bench_search.py) both use."""

from __future__ import annotations

import shutil
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No sandbox (containers and CI run as root), no GPU, and nothing the browser would fetch by itself
# (updates, sync, first-run pages): a run makes only the requests the site's pages make.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Any) -> Any:
    """Chromium from `sync_playwright()`, headless, with ARGS."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
