"""The releases: /kriterier/utgavor/ lists them and lets a reader pick a date (kravbanken-historik.js
over data/versions.json); a page per release shows the library as that release held it, and what
changed since the release before."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library
from ..model.releases import Release
from .render import front_matter, listing_page, render


def version_of(lib: Library, record_id: str, version: str) -> dict:
    """The record of one published version of a criterion."""
    return next(r for r in lib.versions[record_id] if r["version"] == version)


def releases_page(lib: Library) -> str:
    return listing_page(
        lib,
        "releases",
        "releases.md",
        scripts=("historik",),  # the library on a date
        releases=lib.releases,
        index=urls.VERSIONS_INDEX,
        statuses={code: lib.label("status", code) for code in lib.schemas.codes("status")},
    )


def since(lib: Library, release: Release, previous: Release | None) -> list[dict]:
    """Each criterion that is new, has a new version or a new status in `release`, by id."""
    before = {i: (version, status) for i, version, status in previous.contents} if previous else {}
    out = []
    for record_id, version, status in release.contents:
        old = before.get(record_id)
        if old != (version, status):
            out.append(
                {
                    "record": version_of(lib, record_id, version),
                    "status": status,
                    "old": old and {"version": old[0], "status": old[1]},
                }
            )
    return out


def release_page(lib: Library, release: Release, previous: Release | None) -> str:
    w = labels.words()
    title = w["release_page_title"].format(number=release.number)
    meta = front_matter(
        title=title,
        description=w["release_description"].format(number=release.number, date=release.date),
        search={"exclude": True},
    )
    rows = [(version_of(lib, i, version), status) for i, version, status in release.contents]
    return render(
        "release.md",
        urls.page("release", number=release.number),
        lib=lib,
        meta=meta,
        title=title,
        release=release,
        previous=previous,
        rows=rows,
        changed=since(lib, release, previous) if previous else [],
        files=[(suffix, urls.release_file(release.number, suffix)) for suffix in urls.RELEASE_TABLES],
        field=lambda name: labels.field(lib, name),
    )


def release_pages(lib: Library) -> dict[str, str]:
    """The list of releases and a page for each release that has its manifest."""
    pages = {urls.source("releases"): releases_page(lib)}
    for release, previous in zip(lib.releases, [*lib.releases[1:], None], strict=True):
        pages[urls.source("release", number=release.number)] = release_page(lib, release, previous)
    return pages
