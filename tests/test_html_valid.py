"""Valid HTML: the Nu Html Checker (vnu.jar, pinned in package.json) finds no error in any page.

All pages go to one Java process, so the check takes seconds. The few errors that come from the
Material theme's own markup, which we do not fork, are listed below with the reason each is
harmless; an entry that no longer matches anything fails, so the list cannot go stale.
"""

import json
import os
import shutil
import subprocess

import pytest

from helpers import ROOT
from site_visit import page_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (start of the message, text in the offending markup, why we accept it)
THEME_ERRORS = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "Material's hidden checkboxes that open the menu and the search carry autocomplete=off so that "
        "Firefox does not restore them as ticked after Back; browsers ignore the attribute otherwise. "
        "They stand in base.html outside any block, so only a fork of the whole template could change "
        "them. (The label for __toc and the empty tabindex are fixed in overrides/.)",
    ),
]


def java() -> str:
    found = shutil.which("java")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Java saknas; .ci/run ska installera default-jre-headless")
        pytest.skip("Java är inte installerat (apt-get install default-jre-headless)")
    return found


def theme_reason(message: dict) -> str | None:
    for start, markup, reason in THEME_ERRORS:
        if message["message"].startswith(start) and markup in message.get("extract", ""):
            return reason
    return None


def test_every_page_is_valid_html(site):
    assert VNU.is_file(), "vnu.jar saknas: kör npm ci --ignore-scripts (make test gör det)"
    pages = [str(p) for p in page_files(site)]
    result = subprocess.run(
        [java(), "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m["type"] != "info"]
    ours = [m for m in errors if theme_reason(m) is None]
    report = "\n".join(
        f"{m['url'].removeprefix('file:' + str(site))}:{m.get('lastLine')}: {m['message']}" for m in ours
    )
    assert not ours, f"{len(ours)} HTML-fel:\n{report}"
    seen = {theme_reason(m) for m in errors}
    stale = [start for start, _, reason in THEME_ERRORS if reason not in seen]
    assert not stale, f"Undantag som inte längre behövs (ta bort dem ur THEME_ERRORS): {stale}"
