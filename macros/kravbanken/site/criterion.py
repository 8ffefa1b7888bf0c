"""The pages of a criterion: its current page and the permanent page of each published version."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from ..model.text import PLACEHOLDER
from .changes import differences
from .render import front_matter, render


def search_facts(lib: Library, record: dict) -> dict:
    """A criterion's facts for the site search, read by overrides/partials/kb-search-facts.html:
    codes to filter on, Swedish labels to show in results, and the search words (synonyms such as
    nitril). Plain text; that template escapes it."""
    return {
        "id": record["id"], "title": title_of(record), "version": record["version"],
        **{field: record[field] for field in ("type", "level", "status")},
        **{f"{field}_label": lib.label(field, record[field]) for field in ("type", "level", "status")},
        "risk_areas": record["risk_areas"],
        "risk_area_names": [title_of(lib.records["risk_area"][a]) for a in record["risk_areas"]],
        "tags": record.get("tags", []),
    }


def criterion_page(lib: Library, record: dict, site_url: str, versioned: bool = False) -> str:
    """The Markdown source of a criterion's page: its current URL, or the permanent URL of the
    version `record` (which says so when a newer version exists, and shows what changed)."""
    title = f'{record["id"]} {title_of(record)}'
    meta = {"title": title, "description": title_of(record)}
    if versioned:
        meta["search"] = {"exclude": True}
        here = urls.page("criterion_version", id=record["id"], version=record["version"])
    else:
        meta["kravbanken"] = search_facts(lib, record)
        here = urls.page("criterion", id=record["id"])
    history = lib.history(record["id"])
    index = [r["version"] for r in history].index(record["version"])
    previous = history[index - 1] if index else None
    following = history[index + 1] if index + 1 < len(history) else None  # the version that replaced this one
    return render("criterion.md", here, lib=lib, record=record, site_url=site_url, versioned=versioned,
                  meta=front_matter(**meta), example=labels.example_note("criterion"),
                  has_gaps=bool(PLACEHOLDER.search(record["clause"]["sv"])),
                  current=history[-1], previous=previous, following=following,
                  published=[r["version"] for r in history],
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
