"""The pages of a criterion: its current page and the permanent page of each published version."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from ..model.text import PLACEHOLDER
from .changes import differences
from .render import front_matter, render


def criterion_page(lib: Library, record: dict, site_url: str, versioned: bool = False) -> str:
    """The Markdown source of a criterion's page: its current URL, or the permanent URL of the
    version `record` (which says so when a newer version exists, and shows what changed)."""
    title = f'{record["id"]} {title_of(record)}'
    meta = {"title": title, "description": title_of(record)}
    if versioned:
        meta["search"] = {"exclude": True}
        here = urls.page("criterion_version", id=record["id"], version=record["version"])
    else:
        # The id and the search keywords (e.g. handskar, nitrilhandskar) rank highest in Material's
        # search, so "SOC-007" finds SOC-007 before the pages that mention it.
        meta["tags"] = [record["id"], *record.get("tags", [])]
        here = urls.page("criterion", id=record["id"])
    history = lib.history(record["id"])
    index = [r["version"] for r in history].index(record["version"])
    previous = history[index - 1] if index else None
    return render("criterion.md", here, lib=lib, record=record, site_url=site_url, versioned=versioned,
                  meta=front_matter(**meta), example=labels.example_note("criterion"),
                  has_gaps=bool(PLACEHOLDER.search(record["clause"]["sv"])),
                  current=history[-1], previous=previous, published=[r["version"] for r in history],
                  changes=differences(lib, previous, record) if previous and versioned else None,
                  field=lambda name: labels.field(lib, name), source_line=labels.source_line)


def criterion_pages(lib: Library, site_url: str) -> dict[str, str]:
    """Every published criterion's pages: source path under docs/ -> Markdown."""
    pages = {}
    for record in lib.criteria.values():
        pages[urls.source("criterion", id=record["id"])] = criterion_page(lib, record, site_url)
        for version in lib.history(record["id"]):
            pages[urls.source("criterion_version", id=record["id"], version=version["version"])] = \
                criterion_page(lib, version, site_url, versioned=True)
    return pages
