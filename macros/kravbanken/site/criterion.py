"""The pages of a criterion: its current page and the permanent page of each published version."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from ..model.kinds import CRITERION_TEXTS
from ..model.releases import first_releases
from ..model.rules import build_date
from ..model.text import PLACEHOLDER
from .changes import changelog_kinds, differences
from .follow_up_results import criterion_index
from .render import front_matter, render


def search_facts(lib: Library, record: dict, lang: str = "sv") -> dict:
    """A criterion's facts for the site search, read by overrides/partials/kb-search-facts.html:
    codes to filter on, labels in `lang` to show in results, and the search words (Swedish
    synonyms such as nitril, so only on the Swedish page). Plain text; that template escapes it."""
    return {
        "id": record["id"],
        "title": title_of(record, lang),
        "version": record["version"],
        **{field: record[field] for field in ("type", "level", "status")},
        **{f"{field}_label": lib.label(field, record[field], lang) for field in ("type", "level", "status")},
        "risk_areas": record["risk_areas"],
        "risk_area_names": [title_of(lib.records["risk_area"][a], lang) for a in record["risk_areas"]],
        "tags": record.get("tags", []) if lang == "sv" else [],
    }


def timeline(lib: Library, record: dict, first: dict, lang: str = "sv") -> dict[str, tuple[str, str]]:
    """{version: (kind of change, the release it first appeared in)} for each entry of the
    record's changelog, in `lang`."""
    w, kinds = labels.words(lang), changelog_kinds(record["changelog"], lang)
    newest = lib.releases[0].date if lib.releases else ""

    def release(entry):
        found = first.get((record["id"], entry["version"]))
        return found or (w["not_released_yet"] if entry["date"] > newest else w["in_no_release"])

    return {entry["version"]: (kinds[entry["version"]], release(entry)) for entry in record["changelog"]}


def criterion_page(
    lib: Library,
    record: dict,
    site_url: str,
    versioned: bool = False,
    first: dict | None = None,
    lang: str = "sv",
    followed: dict | None = None,
) -> str:
    """The Markdown source of a criterion's page: its current URL, or the permanent URL of the
    version `record` (which says so when a newer version exists, and shows what changed). `first`
    is first_releases(lib.releases) and `followed` follow_up_results.criterion_index(lib), given when
    many pages are made at once. In English (`lang`) there is a page of the current version only; it
    links to the Swedish version pages."""
    title = f"{record['id']} {title_of(record, lang)}"
    meta: dict[str, object] = {"title": title, "description": title_of(record, lang)}
    if lang != "sv":
        meta["lang"] = lang
    if versioned:
        meta["search"] = {"exclude": True}
        here = urls.page("criterion_version", id=record["id"], version=record["version"])
    else:
        meta["kravbanken"] = search_facts(lib, record, lang)
        meta["feed"] = {
            "path": urls.criterion_feed(record["id"]),
            "title": labels.words()["criterion_feed_title"].format(id=record["id"], title=title_of(record)),
        }
        meta["translations"] = urls.translations("criterion", id=record["id"])
        here = urls.page("criterion", lang, id=record["id"])
    history = lib.history(record["id"])
    if not versioned and len(history) > 1 and lang == "sv":
        meta["scripts"] = ["historik"]  # the comparison of two versions (#jamfor)
    index = [r["version"] for r in history].index(record["version"])
    previous = history[index - 1] if index else None
    following = history[index + 1] if index + 1 < len(history) else None  # the version that replaced this one
    return render(
        "criterion.md",
        here,
        lang,
        lib=lib,
        record=record,
        site_url=site_url,
        versioned=versioned,
        meta=front_matter(**meta),
        example=labels.example_note("criterion", lang),
        has_gaps=bool(PLACEHOLDER.search(record["clause"].get(lang) or record["clause"]["sv"])),
        current=history[-1],
        previous=previous,
        following=following,
        published=[r["version"] for r in history],
        changes=differences(lib, previous, record) if previous and versioned else None,
        timeline=timeline(lib, record, first_releases(lib.releases) if first is None else first, lang),
        feed=urls.criterion_feed(record["id"]),
        lib_releases={r.number for r in lib.releases},
        compared=[(name, labels.field(lib, name)) for name in CRITERION_TEXTS],
        field=lambda name: labels.field(lib, name, lang=lang),
        source_line=labels.source_line,
        today=build_date().isoformat(),
        followed=(criterion_index(lib) if followed is None else followed).get(record["id"], []),
    )


def criterion_pages(lib: Library, site_url: str) -> dict[str, str]:
    """Every published criterion's pages: source path under docs/ -> Markdown, the English page of
    its current version among them."""
    pages, first, followed = {}, first_releases(lib.releases), criterion_index(lib)
    for record in lib.criteria.values():
        for lang in labels.LANGS:
            pages[urls.source("criterion", lang, id=record["id"])] = criterion_page(
                lib, record, site_url, first=first, lang=lang, followed=followed
            )
        for version in lib.history(record["id"]):
            pages[urls.source("criterion_version", id=record["id"], version=version["version"])] = criterion_page(
                lib, version, site_url, versioned=True, first=first, followed=followed
            )
    return pages
