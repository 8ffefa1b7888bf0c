"""The one URL scheme of the site: pages, downloads, feeds and permanent addresses, all relative to
the site root, and `relative()` to link from one page to another. No other code builds a URL."""

from __future__ import annotations

import posixpath

PAGES = {
    "criterion": "kriterier/{id}/",
    "criterion_version": "kriterier/{id}/{version}/",
    "criteria": "kriterier/",
    "changes": "kriterier/andringslogg/",  # every change of every criterion, newest first
    "consultations": "kriterier/remisser/",  # the criteria on consultation (remiss)
    "reviews": "kriterier/granskning/",  # for maintainers: every criterion by the date its review is due
    "releases": "kriterier/utgavor/",  # the releases, and the library on any date
    "release": "kriterier/utgavor/{number}/",  # the library as one release held it
    "package": "kriterier/kravpaket/",  # a kravpaket: chosen criteria, filled gaps, one document
    "risk_area": "riskomraden/{id}/",
    "risk_areas": "riskomraden/",
    "follow_up": "uppfoljning/{id}/",
    "follow_ups": "uppfoljning/",
    "national_model": "uppfoljning/nationell-modell/",
    "results": "uppfoljning/resultat/",  # the register of follow-ups, planned and completed
    "results_by": "uppfoljning/resultat/{facet}/{value}/",  # the register filtered by one value, without script
    "results_plan": "uppfoljning/resultat/plan/",  # Uppföljningsplan: the planned follow-ups
    "result": "uppfoljning/resultat/{id}/",
    "coc_clause": "uppforandekod/#{id}",
    "convention": "uppforandekod/konventioner/#{id}",
    "profile": "goda-exempel/{id}/",
    "profiles": "goda-exempel/",
    "stage": "goda-exempel/steg/{id}/",  # one page per process stage, comparing the profiles
    "downloads": "kriterier/#ladda-ner",
    "news": "nyheter/",
    "contribute": "om/#sa-foreslar-du-en-andring",
    "home": "",
    "code_of_conduct": "uppforandekod/",
}

# The English part of the site, for suppliers: the pages that have an English counterpart, by the
# kind of their Swedish page. A link from an English page to any other kind goes to the Swedish page.
ENGLISH = {
    "home": "en/",
    "criteria": "en/criteria/",
    "criterion": "en/criteria/{id}/",
    "risk_areas": "en/risk-areas/",
    "risk_area": "en/risk-areas/{id}/",
    "follow_ups": "en/follow-up/",
    "follow_up": "en/follow-up/{id}/",
    "code_of_conduct": "en/code-of-conduct/",
    "coc_clause": "en/code-of-conduct/#{id}",
}
# Where the English code of conduct was before the English part existed: a page there leads on.
MOVED = {"uppforandekod/english/": "code_of_conduct"}

DATA_DIR = "data"
TABLES = ("json", "csv", "xlsx")  # all criteria in one file
PER_CRITERION = ("docx", "json")  # one file per criterion
NEWS_FEED = "nyheter/rss.xml"
CHANGES_FEED = "kriterier/andringar.xml"  # Atom: every new version of a criterion
AREA_FEED = "riskomraden/{id}/andringar.xml"  # Atom: new versions of the criteria of one risk area
CRITERION_FEED = "kriterier/{id}/andringar.xml"  # Atom: new versions of one criterion
RELEASE_TABLES = ("json", "csv")  # each release's snapshot, never changed once published
VERSIONS_INDEX = f"{DATA_DIR}/versions.json"  # every version's dates, for the library on a date
RESULTS_TABLES = ("json", "csv")  # the register of follow-ups
RESULTS_FEED = "uppfoljning/resultat/uppfoljningar.xml"  # Atom: new and completed follow-ups
# The words of the shared scripts in one language (labels.ui_words): a script of its own that the
# browser keeps, loaded by every page before kravbanken.js, instead of 2 kB of JSON in every page.
WORDS_SCRIPT = "assets/javascripts/ord-{lang}.js"
SCHEMA_DIR = "schema"
BUNDLED_SCHEMA_DIR = "schema/bundled"  # each document's schema in one file (scripts/bundle_schemas.py)


def page(kind: str, lang: str = "sv", **fields) -> str:
    """The URL of a page (or an anchor on one) in `lang`, relative to the site root: the Swedish
    page where the kind has no English one."""
    pattern = ENGLISH.get(kind) if lang == "en" else None
    return (pattern or PAGES[kind]).format(**fields)


def source(kind: str, lang: str = "sv", **fields) -> str:
    """The generated Markdown file behind a page URL, relative to docs/."""
    return page(kind, lang, **fields) + "index.md"


def translations(kind: str, **fields) -> dict[str, str]:
    """{language: URL} of a page that has an English counterpart, for the language switch."""
    return {"sv": page(kind, **fields), "en": page(kind, "en", **fields)}


def alternates(url: str, lang: str, translated: dict[str, str] | None = None) -> dict[str, str]:
    """{language: URL} of the page at `url` (in `lang`) and its counterpart: `translated` (a
    generated page's own, from urls.translations), else the pair of an overview page in ENGLISH,
    else the other language's start page."""
    if translated:
        return translated
    for kind, english in ENGLISH.items():
        if "{" not in english and url in (PAGES[kind], english):
            return translations(kind)
    return {"sv": PAGES["home"], "en": ENGLISH["home"], lang: url}


def table_file(suffix: str) -> str:
    """All criteria in one download."""
    return f"{DATA_DIR}/criteria.{suffix}"


def criterion_file(record_id: str, suffix: str, lang: str = "sv") -> str:
    """One criterion's download; the English Word file is in a folder of its own."""
    return f"{DATA_DIR}/criteria/{'en/' if lang == 'en' else ''}{record_id}.{suffix}"


def version_file(record_id: str, version: str) -> str:
    """One version of a criterion as data, kept for as long as the site exists."""
    return f"{DATA_DIR}/criteria/{record_id}/{version}.json"


def results_file(suffix: str) -> str:
    """The register of follow-ups in one download."""
    return f"{DATA_DIR}/uppfoljningsresultat.{suffix}"


def area_feed(area_id: str) -> str:
    return AREA_FEED.format(id=area_id)


def criterion_feed(record_id: str) -> str:
    return CRITERION_FEED.format(id=record_id)


def release_file(number: str, suffix: str) -> str:
    """The criteria as release `number` held them."""
    return f"{DATA_DIR}/releases/{number}/criteria.{suffix}"


def downloads(criterion_ids, versions=(), area_ids=(), releases=(), english=()) -> list[str]:
    """Every download and feed made from the library, by its path under the site root; `versions`
    are (id, version) pairs, `area_ids` the risk areas that get a feed, `releases` the numbers of
    the releases that get a snapshot, `english` the criteria with an English clause (a Word file)."""
    return (
        [table_file(suffix) for suffix in TABLES]
        + [criterion_file(i, suffix) for i in sorted(criterion_ids) for suffix in PER_CRITERION]
        + [criterion_file(i, "docx", "en") for i in sorted(english)]
        + [version_file(i, v) for i, v in sorted(versions)]
        + [release_file(n, suffix) for n in releases for suffix in RELEASE_TABLES]
        + [VERSIONS_INDEX]
        + [results_file(suffix) for suffix in RESULTS_TABLES]
        + [RESULTS_FEED]
        + [CHANGES_FEED]
        + [area_feed(a) for a in sorted(area_ids)]
        + [criterion_feed(i) for i in sorted(criterion_ids)]
    )


def schema_file(name: str) -> str:
    return f"{SCHEMA_DIR}/{name}"


def bundled_schema_file(name: str) -> str:
    """Schema `name` bundled with everything it refers to, for tools that take one file."""
    return f"{BUNDLED_SCHEMA_DIR}/{name}"


def permalink(record: dict, site_url: str) -> str:
    """The permanent address of this version of a criterion, cited after every copied clause."""
    return site_url + page("criterion_version", id=record["id"], version=record["version"])


def relative(here: str, target: str) -> str:
    """The link from the page at `here` to `target`, both relative to the site root ("" is the
    home page, "kriterier/SOC-001/" a page, "data/criteria.csv" a file; `target` may end in
    #anchor), as posixpath.relpath counts it, keeping a directory's final slash."""
    path, sep, anchor = target.partition("#")
    start = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    # From the root "/", so that relpath never asks for the working directory (a system call per
    # link, a tenth of the time it takes to make the pages).
    rel = posixpath.relpath("/" + path, "/" + start)
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    if rel == "./" and anchor:
        return sep + anchor  # an anchor on the same page
    return rel + sep + anchor
