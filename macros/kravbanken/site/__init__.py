"""The site: pure functions from the Library to page content, one module per part of the site,
writing HTML only through the Jinja2 templates in templates/ (autoescape on)."""

from __future__ import annotations

import json

from .. import urls
from ..labels import LANGS, ui_words
from ..model import Library
from ..model.rules import build_date
from .changes import changes_page, consultations_page
from .criterion import criterion_pages
from .follow_up import follow_up_page
from .follow_up_results import results_pages
from .good_practice import profile_page, stage_page
from .releases import release_pages
from .reviews import reviews_page
from .risk_areas import risk_area_page


def generated_pages(lib: Library, site_url: str) -> dict[str, str]:
    """Every page generated from the library, in Swedish and, for suppliers, in English: source path
    under docs/ -> front matter and HTML (not Markdown: mkdocs_internals.HtmlPage). They are reached through
    index pages, filters and search, never listed in the navigation."""
    pages = criterion_pages(lib, site_url)
    for kind, page in (("risk_area", risk_area_page), ("follow_up", follow_up_page)):
        for record in lib.records[kind].values():
            for lang in LANGS:  # each has an English page too (urls.ENGLISH)
                pages[urls.source(kind, lang, id=record["id"])] = page(lib, record, lang)
    for record in lib.records["profile"].values():
        pages[urls.source("profile", id=record["id"])] = profile_page(lib, record)
    pages[urls.source("changes")] = changes_page(lib)
    pages[urls.source("consultations")] = consultations_page(lib)
    pages[urls.source("reviews")] = reviews_page(lib, build_date().isoformat())
    pages.update(release_pages(lib))
    pages.update(results_pages(lib))
    for stage in lib.schemas.codes("process_stage"):
        pages[urls.source("stage", id=stage)] = stage_page(lib, stage)
    return pages


def words_scripts(lib: Library) -> dict[str, str]:
    """The words of the shared scripts (labels.ui_words), a script per language that sets
    `window.kbWords` (kravbanken.js reads it): path under the site root -> JavaScript. JSON is a
    JavaScript expression, so the words are data here too."""
    scripts = {}
    for lang in LANGS:
        words = json.dumps(ui_words(lib, lang), ensure_ascii=False)
        scripts[urls.WORDS_SCRIPT.format(lang=lang)] = f"window.kbWords = {words};\n"
    return scripts
