"""Which pages the search index holds: every page that asks to be indexed, in any folder, today's
or a future one, and none of the permanent version pages of criteria (kriterier/<id>/<version>/),
which Pagefind is told to skip (adapter/search_index.py) so that a search finds each criterion once."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from kravbanken.adapter.search_index import FOLDER, write
from kravbanken.urls import page

INDEXED = [
    "",
    "om/",
    page("criteria"),
    page("criterion", id="SOC-001"),
    page("changes"),
    page("risk_area", id="textil"),
    "nyheter/2026/03/01/nya-krav/",  # deeper than a version page, in another folder
    # Folders that do not exist yet, named close to the version pages' folder.
    "krav/a/b/",
    "kriterierna/a/b/",
    "k/a/b/",
    "kriterie/a/b/",
]
NOT_INDEXED = [
    page("criterion_version", id="SOC-001", version="1.0"),
    page("criterion_version", id="TEX-002", version="2.1"),
]


def indexed(site: Path) -> set[str]:
    """The URLs of the pages in the Pagefind index under `site` (each page is a gzipped fragment)."""
    out = set()
    for fragment in (site / FOLDER / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        out.add(json.loads(data)["url"])
    return out


def test_every_page_is_indexed_but_the_old_versions_of_criteria(tmp_path):
    for url in INDEXED + NOT_INDEXED:
        file = tmp_path / url / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        # Every page here asks to be indexed, so only the pages Pagefind reads decide what is found.
        file.write_text(
            f'<!doctype html><html lang="sv"><head><title>{url}</title></head>'
            f"<body><main data-pagefind-body><p>Sidan {url or 'start'}.</p></main></body></html>",
            encoding="utf-8",
        )
    write(tmp_path)
    assert indexed(tmp_path) == {"/" + url for url in INDEXED}


def test_the_real_site_indexes_each_page_that_asks_and_no_old_version(site, lib):
    asking = {
        "/" + f.relative_to(site).as_posix().removesuffix("index.html")
        for f in site.rglob("*.html")
        if "data-pagefind-body" in f.read_text(encoding="utf-8")
    }
    assert asking == indexed(site)
    versions = {
        "/" + page("criterion_version", id=i, version=r["version"]) for i in lib.criteria for r in lib.history(i)
    }
    assert "/" + page("criterion", id="SOC-001") in asking and not versions & indexed(site)
